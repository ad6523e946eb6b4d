package io.microshop.order.ordering;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One log line for each thing that happens to an order, once it has committed: placed,
 * confirmed, rejected (and why) or cancelled. Written in the trace of the request or
 * event that changed the order, so each line carries its trace and span ids: a line in
 * the log leads to the order's trace in Zipkin, and an {@code X-Trace-Id} to the lines.
 */
@Component
class OrderJournal {

	private static final Logger logger = LoggerFactory.getLogger(OrderJournal.class);

	@TransactionalEventListener
	void on(OrderEvent event) {
		switch (event) {
			case OrderPlaced placed -> logger.info("Order {} placed: {} line(s), total {}", placed.orderId(),
					placed.lines().size(), placed.total());
			case OrderConfirmed confirmed -> logger.info("Order {} confirmed", confirmed.orderId());
			case OrderRejected rejected -> logger.info("Order {} rejected: {}", rejected.orderId(), rejected.reason());
			case OrderCancelled cancelled -> logger.info("Order {} cancelled", cancelled.orderId());
		}
	}

}
