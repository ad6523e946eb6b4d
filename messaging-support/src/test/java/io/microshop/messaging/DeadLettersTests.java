package io.microshop.messaging;

import java.util.List;

import io.microshop.messaging.MessagingTestApplication.SourceListener;
import io.microshop.testsupport.ImportTestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = MessagingTestApplication.class)
@ImportTestInfrastructure
class DeadLettersTests {

	@Autowired
	private KafkaTemplate<Object, Object> kafka;

	@Autowired
	private EventsProperties events;

	@Autowired
	private SourceListener listener;

	@Autowired
	private DeadLetters deadLetters;

	@Autowired
	private DeadLettersEndpoint endpoint;

	@Test
	void aRecordTheListenerCannotProcessIsDeadLetteredListedAndReplayedOnce() {
		long waitingBefore = this.deadLetters.countWaiting();
		this.kafka.send(this.events.topic(), "order-1", "malformed one");
		this.kafka.send(this.events.topic(), "order-1", "fine one");

		// the consumer moved on, and the dead letter is listed with why it died
		await().until(() -> this.listener.processed.contains("fine one"));
		await().until(() -> this.deadLetters.countWaiting() == waitingBefore + 1);
		DeadLetter deadLetter = waitingWith("malformed one");
		assertThat(deadLetter.sourceTopic()).isEqualTo(this.events.topic());
		assertThat(deadLetter.key()).isEqualTo("order-1");
		assertThat(deadLetter.errorClass()).isEqualTo(MalformedMessageException.class.getName());
		assertThat(deadLetter.errorMessage()).contains("Cannot read malformed one");
		assertThat(deadLetter.replayedAt()).isNull();
		assertThat(this.endpoint.waiting().waiting()).isEqualTo(waitingBefore + 1);
		assertThat(this.endpoint.deadLetter(deadLetter.id())).isEqualTo(deadLetter);

		// the listener is fixed, and the operator replays the dead letter
		this.listener.refuseMalformed = false;
		WebEndpointResponse<DeadLetter> replayed = this.endpoint.replay(deadLetter.id());

		assertThat(replayed.getStatus()).isEqualTo(200);
		assertThat(replayed.getBody().replayedAt()).isNotNull();
		await().until(() -> this.listener.processed.contains("malformed one"));
		assertThat(this.deadLetters.countWaiting()).isEqualTo(waitingBefore);
		assertThat(this.endpoint.replay(deadLetter.id()).getStatus()).isEqualTo(404);
		assertThat(this.listener.processed).containsOnlyOnce("malformed one");
	}

	private DeadLetter waitingWith(String payload) {
		List<DeadLetter> matching = this.deadLetters.waiting(100)
			.stream()
			.filter((letter) -> payload.equals(letter.payload()))
			.toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

}
