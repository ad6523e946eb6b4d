package io.microshop.order.ordering;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.microshop.order.config.PendingOrdersProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Orders never stay pending forever: an order that got no stock answer within the pending
 * timeout (the answer or the {@code OrderPlaced} was lost, or inventory-service is down)
 * is rejected as {@link Order#RESERVATION_TIMED_OUT}, and its {@code OrderRejected} goes
 * out like any other. Every instance checks; an order is claimed by one of them only
 * ({@code FOR UPDATE SKIP LOCKED}), a small batch per transaction.
 * <p>
 * Visible as a warning per order, in {@value SagaMetrics#REJECTED} with the reason
 * {@code RESERVATION_TIMED_OUT}, and in the gauge {@value #OLDEST_PENDING_AGE} (seconds;
 * 0 when no order is pending), which shows orders piling up before they time out.
 */
@Component
class PendingOrderTimeouts {

	static final String OLDEST_PENDING_AGE = "microshop.orders.pending.oldest.age";

	// small, so that a batch holds its row locks (which a stock answer for one of its
	// orders waits for) only briefly
	static final int BATCH_SIZE = 20;

	private static final Logger logger = LoggerFactory.getLogger(PendingOrderTimeouts.class);

	private final OrderManagement orders;

	private final Duration timeout;

	PendingOrderTimeouts(OrderManagement orders, PendingOrdersProperties properties, MeterRegistry meters) {
		this.orders = orders;
		this.timeout = properties.pendingTimeout();
		Gauge.builder(OLDEST_PENDING_AGE, this::oldestPendingAge)
			.description("Age in seconds of the oldest order still waiting for its stock answer")
			.baseUnit("seconds")
			.register(meters);
	}

	/**
	 * Rejects every order pending for longer than the timeout, batch by batch.
	 */
	@Scheduled(fixedDelayString = "${microshop.orders.pending-check-interval:10s}")
	void rejectOverdueOrders() {
		Instant now = Instant.now();
		// one cutoff for the whole check, so that it ends even while orders keep coming
		Instant cutoff = now.minus(this.timeout);
		List<Order> rejected;
		do {
			rejected = this.orders.timeOutPendingPlacedBefore(cutoff, BATCH_SIZE);
			rejected.forEach((order) -> logger.warn("Order {} rejected as {}: pending for {} s, the timeout is {} s",
					order.getId(), Order.RESERVATION_TIMED_OUT, Duration.between(order.getCreatedAt(), now).toSeconds(),
					this.timeout.toSeconds()));
		}
		while (rejected.size() == BATCH_SIZE);
	}

	private double oldestPendingAge() {
		return this.orders.oldestPendingSince()
			.map((since) -> Math.max(0, Duration.between(since, Instant.now()).toMillis() / 1000.0))
			.orElse(0.0);
	}

}
