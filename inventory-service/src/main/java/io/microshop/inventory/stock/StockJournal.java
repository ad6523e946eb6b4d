package io.microshop.inventory.stock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One log line for each answer to an order, once it has committed: its stock reserved, or
 * refused and which skus were short. Written in the trace of the order's
 * {@code OrderPlaced}, so each line carries the order's trace and span ids.
 */
@Component
class StockJournal {

	private static final Logger logger = LoggerFactory.getLogger(StockJournal.class);

	@TransactionalEventListener
	void on(StockReserved reserved) {
		logger.info("Stock reserved for order {}", reserved.orderId());
	}

	@TransactionalEventListener
	void on(StockRejected rejected) {
		logger.info("Stock refused for order {}: {} of {}", rejected.orderId(), rejected.reason(), rejected.skus());
	}

}
