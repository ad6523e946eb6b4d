package io.microshop.order.ordering;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The saga's funnel as metrics, each change counted once it has committed (a rolled-back
 * change never happened): orders {@value #PLACED}, {@value #CONFIRMED},
 * {@value #REJECTED} by reason ({@link Order#RESERVATION_TIMED_OUT} for those that got no
 * stock answer in time) and {@value #CANCELLED}; and {@value #DECISION}, the time from
 * placing an order to deciding it, by outcome, recorded here where the decision is made.
 * Its histogram buckets let p99 be computed across instances. docs/metrics.md has every
 * metric of the system.
 */
@Component
class SagaMetrics {

	static final String PLACED = "microshop.orders.placed";

	static final String CONFIRMED = "microshop.orders.confirmed";

	static final String REJECTED = "microshop.orders.rejected";

	static final String CANCELLED = "microshop.orders.cancelled";

	static final String DECISION = "microshop.orders.decision";

	/**
	 * The reasons counted by name; any other (a reason a newer inventory-service sends)
	 * is counted as {@value #OTHER_REASON}, so that what arrives in events cannot grow
	 * the number of time series.
	 */
	static final Set<String> REASONS = Set.of(Order.INSUFFICIENT_STOCK, Order.RESERVATION_TIMED_OUT);

	static final String OTHER_REASON = "OTHER";

	private final Counter placed;

	private final Counter confirmed;

	private final Counter cancelled;

	private final Timer confirmedAfter;

	private final Timer rejectedAfter;

	/** A counter for each reason counted, made once. */
	private final Map<String, Counter> rejected;

	SagaMetrics(MeterRegistry meters) {
		this.placed = Counter.builder(PLACED).description("Orders placed").register(meters);
		this.confirmed = Counter.builder(CONFIRMED)
			.description("Orders confirmed: their stock was reserved")
			.register(meters);
		this.cancelled = Counter.builder(CANCELLED).description("Orders cancelled by their customer").register(meters);
		this.confirmedAfter = decision(meters, "confirmed");
		this.rejectedAfter = decision(meters, "rejected");
		// every reason from the start: a rate over one not yet seen is 0, not no data
		this.rejected = Stream.concat(REASONS.stream(), Stream.of(OTHER_REASON))
			.collect(Collectors.toUnmodifiableMap(Function.identity(),
					(reason) -> Counter.builder(REJECTED)
						.description("Orders rejected, by reason")
						.tag("reason", reason)
						.register(meters)));
	}

	@TransactionalEventListener
	void on(OrderEvent event) {
		switch (event) {
			case OrderPlaced ignored -> this.placed.increment();
			case OrderConfirmed confirmed -> {
				this.confirmed.increment();
				this.confirmedAfter.record(Duration.between(confirmed.placedAt(), confirmed.occurredAt()));
			}
			case OrderRejected rejected -> {
				this.rejected.getOrDefault(rejected.reason(), this.rejected.get(OTHER_REASON)).increment();
				this.rejectedAfter.record(Duration.between(rejected.placedAt(), rejected.occurredAt()));
			}
			case OrderCancelled ignored -> this.cancelled.increment();
		}
	}

	private static Timer decision(MeterRegistry meters, String outcome) {
		return Timer.builder(DECISION)
			.description("Time from placing an order to confirming or rejecting it, by outcome")
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			// a bucket at the saga's objective (p99 under 1 s: observability/alerts.yml)
			.serviceLevelObjectives(Duration.ofSeconds(1))
			// an order waits at most the pending timeout (5 min by default) for its
			// decision
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofMinutes(10))
			.register(meters);
	}

}
