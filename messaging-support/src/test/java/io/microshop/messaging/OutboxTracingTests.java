package io.microshop.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.microshop.messaging.MessagingTestApplication.SourceListener;
import io.microshop.messaging.MessagingTestApplication.TypedListener;
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
 * outbox, continued when the relay publishes it, and by the consumer that reads it; a
 * consumer that skips an event leaves no span of it.
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
	private TypedListener typed;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private EventsProperties events;

	@Test
	void anEventIsPublishedAndConsumedInTheTraceOfTheChangeThatWroteIt() {
		String value = "traced " + UUID.randomUUID();
		Span change = inAChange(() -> this.outbox.appendJson(this.events.topic(), "k", value));
		String traceId = change.context().traceId();

		await().until(() -> this.listener.traces.containsKey(value));
		assertThat(this.listener.traces.get(value)).isEqualTo(traceId);
		// reported to Zipkin: the send, a child of the change that wrote the event (one
		// producer span an event), and the consumer's receipt, a child of the send
		await().untilAsserted(() -> {
			List<ReceivedSpan> trace = SpanReceiver.shared().trace(traceId);
			ReceivedSpan send = only(trace, this.events.topic() + " send");
			assertThat(send.kind()).isEqualTo("PRODUCER");
			assertThat(send.parentId()).isEqualTo(change.context().spanId());
			ReceivedSpan receive = childOf(trace, send);
			assertThat(receive.kind()).isEqualTo("CONSUMER");
			assertThat(receive.service()).isEqualTo("messaging-tests");
		});
	}

	@Test
	void aConsumerDoesNotObserveAnEventItSkipsAndNamesTheTypeOfOneItActsOn() {
		String wanted = UUID.randomUUID().toString();
		long observedBefore = typedDeliveriesObserved();
		// one key, so one partition: the skipped event is read first
		Span change = inAChange(() -> {
			this.outbox.append(MessagingTestApplication.TYPED_TOPIC, "k", Map.of("type", "Unwanted"));
			this.outbox.append(MessagingTestApplication.TYPED_TOPIC, "k", Map.of("type", "Wanted", "id", wanted));
		});

		List<ReceivedSpan> trace = awaitTheWantedEventHandled(wanted, change.context().traceId());
		assertThat(trace).as("both events' sends").filteredOn((span) -> "PRODUCER".equals(span.kind())).hasSize(2);
		assertThat(trace).as("the consumer spans")
			.filteredOn((span) -> "CONSUMER".equals(span.kind()))
			.singleElement()
			.satisfies((span) -> assertThat(span.tags()).doesNotContainKey(EventDispatcher.SKIPPED));
		// the skipped one, known by its record header, was not even timed
		assertThat(typedDeliveriesObserved() - observedBefore).isOne();
	}

	@Test
	void aConsumerLeavesNoSpanOfAnEventItSkipsThatHasNoTypeHeader() {
		String wanted = UUID.randomUUID().toString();
		// as a replayed dead letter is written: the value as it is, without its type
		Span change = inAChange(() -> {
			this.outbox.appendJson(MessagingTestApplication.TYPED_TOPIC, "k", """
					{"type": "Unwanted"}""");
			this.outbox.appendJson(MessagingTestApplication.TYPED_TOPIC, "k", """
					{"type": "Wanted", "id": "%s"}""".formatted(wanted));
		});

		assertThat(awaitTheWantedEventHandled(wanted, change.context().traceId())).as("the consumer spans")
			.filteredOn((span) -> "CONSUMER".equals(span.kind()))
			.singleElement()
			.satisfies((span) -> assertThat(span.tags()).doesNotContainKey(EventDispatcher.SKIPPED));
	}

	// a change that writes to the outbox, in a transaction and a span of its own
	private Span inAChange(Runnable writes) {
		Span change = this.tracer.nextSpan().name("change").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(change)) {
			this.transactions.executeWithoutResult((status) -> writes.run());
		}
		finally {
			change.end();
		}
		return change;
	}

	// the trace, once the typed listener handled the wanted event and its span arrived
	private List<ReceivedSpan> awaitTheWantedEventHandled(String wanted, String traceId) {
		await().until(() -> this.typed.handled.contains(wanted));
		await().untilAsserted(() -> assertThat(SpanReceiver.shared().trace(traceId))
			.filteredOn((span) -> "CONSUMER".equals(span.kind()))
			.anyMatch((span) -> "Wanted".equals(span.tags().get(EventDispatcher.EVENT_TYPE))));
		return SpanReceiver.shared().trace(traceId);
	}

	private long typedDeliveriesObserved() {
		return this.meters.find("spring.kafka.listener")
			.tag("spring.kafka.listener.id", (id) -> id.startsWith(MessagingTestApplication.TYPED_LISTENER))
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	@Test
	void anEventWrittenOutsideATraceIsPublishedInATraceOfItsOwn() {
		String value = "untraced " + UUID.randomUUID();

		this.transactions.executeWithoutResult((status) -> this.outbox.appendJson(this.events.topic(), "k", value));

		await().until(() -> this.listener.traces.containsKey(value));
		String traceId = this.listener.traces.get(value);
		await().untilAsserted(() -> {
			ReceivedSpan send = only(SpanReceiver.shared().trace(traceId), this.events.topic() + " send");
			assertThat(send.parentId()).isNull();
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
