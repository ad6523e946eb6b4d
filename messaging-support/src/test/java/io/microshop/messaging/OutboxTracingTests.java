package io.microshop.messaging;

import java.util.List;
import java.util.UUID;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.microshop.messaging.MessagingTestApplication.SourceListener;
import io.microshop.testsupport.ImportTestInfrastructure;
import io.microshop.testsupport.SpanReceiver;
import io.microshop.testsupport.SpanReceiver.ReceivedSpan;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event travels in the trace of the change that wrote it: stored with it in the
 * outbox, continued when the relay publishes it, and by the consumer that reads it.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
@ImportTestInfrastructure
class OutboxTracingTests {

	@Autowired
	private Tracer tracer;

	@Autowired
	private Outbox outbox;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private SourceListener listener;

	@Autowired
	private EventsProperties events;

	@Test
	void anEventIsPublishedAndConsumedInTheTraceOfTheChangeThatWroteIt() {
		String value = "traced " + UUID.randomUUID();
		Span change = this.tracer.nextSpan().name("change").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(change)) {
			this.transactions.executeWithoutResult((status) -> this.outbox.appendJson(this.events.topic(), "k", value));
		}
		finally {
			change.end();
		}
		String traceId = change.context().traceId();

		await().until(() -> this.listener.traces.containsKey(value));
		assertThat(this.listener.traces.get(value)).isEqualTo(traceId);
		// reported to Zipkin: the relay's publishing, the send and the consumer's
		// receipt,
		// each the child of the one before
		await().untilAsserted(() -> {
			List<ReceivedSpan> trace = SpanReceiver.shared().trace(traceId);
			ReceivedSpan publish = only(trace, "outbox publish " + this.events.topic());
			assertThat(publish.kind()).isEqualTo("PRODUCER");
			assertThat(publish.parentId()).isEqualTo(change.context().spanId());
			ReceivedSpan send = childOf(trace, publish);
			assertThat(send.kind()).isEqualTo("PRODUCER");
			ReceivedSpan receive = childOf(trace, send);
			assertThat(receive.kind()).isEqualTo("CONSUMER");
			assertThat(receive.service()).isEqualTo("messaging-tests");
		});
	}

	@Test
	void anEventWrittenOutsideATraceIsPublishedInATraceOfItsOwn() {
		String value = "untraced " + UUID.randomUUID();

		this.transactions.executeWithoutResult((status) -> this.outbox.appendJson(this.events.topic(), "k", value));

		await().until(() -> this.listener.traces.containsKey(value));
		String traceId = this.listener.traces.get(value);
		await().untilAsserted(() -> {
			ReceivedSpan publish = only(SpanReceiver.shared().trace(traceId), "outbox publish " + this.events.topic());
			assertThat(publish.parentId()).isNull();
		});
	}

	private static ReceivedSpan only(List<ReceivedSpan> trace, String name) {
		List<ReceivedSpan> named = trace.stream().filter((span) -> span.name().equals(name)).toList();
		assertThat(named).as("spans named '%s' in %s", name, trace).hasSize(1);
		return named.get(0);
	}

	private static ReceivedSpan childOf(List<ReceivedSpan> trace, ReceivedSpan parent) {
		List<ReceivedSpan> children = trace.stream().filter((span) -> parent.id().equals(span.parentId())).toList();
		assertThat(children).as("children of %s in %s", parent, trace).hasSize(1);
		return children.get(0);
	}

}
