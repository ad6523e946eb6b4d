package io.microshop.order.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import io.microshop.messaging.Inbox;
import io.microshop.order.pricing.Pricing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The use cases of the order saga. Each runs in one transaction, and the events the
 * {@link Order} registers are written to the outbox in that transaction and published
 * once it commits. A use case that changes an order locks it first, so that a cancel
 * racing the confirmation waits for it (and then cancels the confirmed order) rather than
 * failing.
 */
@Service
@Transactional
public class OrderManagement {

	private static final Logger logger = LoggerFactory.getLogger(OrderManagement.class);

	private final Orders orders;

	private final Inbox inbox;

	private final IdempotentRequests idempotentRequests;

	private final Pricing pricing;

	// For the one use case that starts its transaction only after pricing: a
	// self-invoked @Transactional method would not get one
	private final TransactionTemplate transactions;

	OrderManagement(Orders orders, Inbox inbox, IdempotentRequests idempotentRequests, Pricing pricing,
			PlatformTransactionManager transactionManager) {
		this.orders = orders;
		this.inbox = inbox;
		this.idempotentRequests = idempotentRequests;
		this.pricing = pricing;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Prices and stores a new order. The prices are fetched before any transaction
	 * starts, so a slow inventory-service never holds a database connection; storing the
	 * order is then one transaction of its own (the repository's).
	 * @param command what the customer asks for
	 * @return the pending order
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public Order place(PlaceOrder command) {
		return this.orders.save(price(command));
	}

	/**
	 * Places an order once per idempotency key. A retry of the request that placed an
	 * order under the key gets that order back, as it is now (it may have been confirmed
	 * meanwhile), without asking inventory-service again and without placing or
	 * announcing anything. Only a placed order takes the key: a request that failed
	 * (unknown sku, no prices) stored nothing, so its retry is tried afresh.
	 * @param command what the customer asks for
	 * @param key the client's key for this request
	 * @return the order placed under the key, new or earlier
	 * @throws IdempotencyKeyReusedException if the key placed an order for another
	 * request
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public Order place(PlaceOrder command, IdempotencyKey key) {
		String fingerprint = RequestFingerprint.of(command);
		// Looked up again when storing comes up empty: a concurrent retry took the key
		// first, and its order is the answer (or a 422, had it another request)
		return placedEarlier(key, fingerprint).or(() -> storeOnce(price(command), key, fingerprint))
			.or(() -> placedEarlier(key, fingerprint))
			.orElseThrow(() -> new IllegalStateException("Idempotency key taken but not readable"));
	}

	@Transactional(readOnly = true)
	public Optional<Order> find(UUID orderId) {
		return this.orders.findById(orderId);
	}

	@Transactional(readOnly = true)
	public Page<Order> findByCustomer(String customerEmail, Pageable pageable) {
		return this.orders.findByCustomerEmail(customerEmail, pageable);
	}

	/**
	 * Every customer's orders, for the shop's admin.
	 * @param pageable which page, in which order
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public Page<Order> findAll(Pageable pageable) {
		return this.orders.findAllBy(pageable);
	}

	/**
	 * Cancels an order; cancelling a cancelled order returns it unchanged.
	 * @param orderId the order
	 * @return the cancelled order
	 * @throws OrderNotFoundException if there is no such order
	 * @throws OrderNotCancellableException if the order was rejected
	 */
	public Order cancel(UUID orderId) {
		return cancel(orderId, (order) -> true);
	}

	/**
	 * Cancels an order the caller may see; to anyone else it does not exist.
	 * @param orderId the order
	 * @param visible whether the caller may see an order
	 * @return the cancelled order
	 * @throws OrderNotFoundException if there is no such order, or the caller may not see
	 * it (nothing changes)
	 * @throws OrderNotCancellableException if the order was rejected
	 */
	public Order cancel(UUID orderId, Predicate<Order> visible) {
		Order order = requireForUpdate(orderId);
		if (!visible.test(order)) {
			throw new OrderNotFoundException(orderId.toString());
		}
		order.cancel();
		return this.orders.save(order);
	}

	/**
	 * Inventory-service reserved the order's stock. A redelivered event changes nothing,
	 * and neither does an answer for an order that has moved on (cancelled, timed out or
	 * answered already): it is recorded in the inbox and otherwise ignored.
	 * @param eventId the id of inventory-service's event
	 * @param orderId the order
	 */
	public void confirm(UUID eventId, UUID orderId) {
		if (this.inbox.firstDelivery(eventId)) {
			Order order = requireForUpdate(orderId);
			if (order.confirm()) {
				this.orders.save(order);
			}
			else {
				ignoredLateAnswer("StockReserved", order);
			}
		}
	}

	/**
	 * Inventory-service could not reserve the order's stock. As with
	 * {@link #confirm(UUID, UUID)}, a redelivered or late answer changes nothing.
	 * @param eventId the id of inventory-service's event
	 * @param orderId the order
	 * @param reason why, e.g. {@link Order#INSUFFICIENT_STOCK}
	 */
	public void reject(UUID eventId, UUID orderId, String reason) {
		if (this.inbox.firstDelivery(eventId)) {
			Order order = requireForUpdate(orderId);
			if (order.reject(reason)) {
				this.orders.save(order);
			}
			else {
				ignoredLateAnswer("StockRejected", order);
			}
		}
	}

	/**
	 * Rejects, as {@link Order#RESERVATION_TIMED_OUT}, the oldest orders still pending
	 * since before a point in time, all in this one transaction. Orders another
	 * transaction holds are skipped: a stock answer being applied to one decides it, and
	 * another instance's check takes care of the orders it claimed.
	 * @param cutoff only orders placed before this
	 * @param limit the most orders rejected
	 * @return the rejected orders, oldest first
	 */
	public List<Order> timeOutPendingPlacedBefore(Instant cutoff, int limit) {
		List<Order> overdue = this.orders.claimPendingPlacedBefore(cutoff, limit);
		overdue.forEach(Order::timeOut);
		return this.orders.saveAll(overdue);
	}

	/**
	 * When the oldest pending order was placed.
	 * @return its creation time, or empty if no order is pending
	 */
	@Transactional(readOnly = true)
	public Optional<Instant> oldestPendingSince() {
		return Optional.ofNullable(this.orders.oldestPendingCreatedAt());
	}

	private Order price(PlaceOrder command) {
		Map<String, BigDecimal> prices = this.pricing.unitPrices(command.skus());
		List<OrderLine> lines = command.lines()
			.stream()
			.map((line) -> new OrderLine(line.sku(), line.quantity(), prices.get(line.sku())))
			.toList();
		return Order.place(command.customerEmail(), command.placedBy(), lines);
	}

	private Optional<Order> placedEarlier(IdempotencyKey key, String fingerprint) {
		return this.idempotentRequests.findById(key.value()).map((request) -> {
			if (!request.matches(fingerprint)) {
				throw new IdempotencyKeyReusedException();
			}
			return this.orders.findById(request.getOrderId()).orElseThrow();
		});
	}

	// The order and its key in one transaction, and the key's primary key decides: of
	// concurrent retries, the first to insert the key wins, and the others' inserts wait
	// for its commit and then insert nothing. A loser rolls back, so neither its
	// order nor its OrderPlaced (in the outbox, in the same transaction) outlive it
	private Optional<Order> storeOnce(Order order, IdempotencyKey key, String fingerprint) {
		return this.transactions.execute((transaction) -> {
			Order stored = this.orders.save(order);
			if (this.idempotentRequests.insertIfAbsent(key.value(), fingerprint, stored.getId()) == 1) {
				return Optional.of(stored);
			}
			transaction.setRollbackOnly();
			return Optional.empty();
		});
	}

	private static void ignoredLateAnswer(String answer, Order order) {
		logger.info("Ignoring {} for order {}: it is {} already", answer, order.getId(), order.getStatus());
	}

	private Order requireForUpdate(UUID orderId) {
		return this.orders.findForUpdateById(orderId).orElseThrow(() -> new OrderNotFoundException(orderId.toString()));
	}

}
