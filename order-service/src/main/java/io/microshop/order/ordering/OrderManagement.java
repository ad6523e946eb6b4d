package io.microshop.order.ordering;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microshop.order.pricing.Pricing;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of the order saga. Each runs in one transaction, and the events the
 * {@link Order} registers are published once it commits. A use case that changes an order
 * locks it first, so that a cancel racing the confirmation waits for it (and then cancels
 * the confirmed order) rather than failing.
 */
@Service
@Transactional
public class OrderManagement {

	private final Orders orders;

	private final ProcessedEvents processedEvents;

	private final Pricing pricing;

	OrderManagement(Orders orders, ProcessedEvents processedEvents, Pricing pricing) {
		this.orders = orders;
		this.processedEvents = processedEvents;
		this.pricing = pricing;
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
		Map<String, BigDecimal> prices = this.pricing.unitPrices(command.skus());
		List<OrderLine> lines = command.lines()
			.stream()
			.map((line) -> new OrderLine(line.sku(), line.quantity(), prices.get(line.sku())))
			.toList();
		return this.orders.save(Order.place(command.customerEmail(), lines));
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
	 * Cancels an order; cancelling a cancelled order returns it unchanged.
	 * @param orderId the order
	 * @return the cancelled order
	 * @throws OrderNotFoundException if there is no such order
	 * @throws OrderNotCancellableException if the order was rejected
	 */
	public Order cancel(UUID orderId) {
		Order order = requireForUpdate(orderId);
		order.cancel();
		return this.orders.save(order);
	}

	/**
	 * Inventory-service reserved the order's stock. A redelivered event changes nothing.
	 * @param eventId the id of inventory-service's event
	 * @param orderId the order
	 */
	public void confirm(UUID eventId, UUID orderId) {
		if (this.processedEvents.markProcessed(eventId)) {
			Order order = requireForUpdate(orderId);
			order.confirm();
			this.orders.save(order);
		}
	}

	/**
	 * Inventory-service could not reserve the order's stock. A redelivered event changes
	 * nothing.
	 * @param eventId the id of inventory-service's event
	 * @param orderId the order
	 * @param reason why, e.g. {@link Order#INSUFFICIENT_STOCK}
	 */
	public void reject(UUID eventId, UUID orderId, String reason) {
		if (this.processedEvents.markProcessed(eventId)) {
			Order order = requireForUpdate(orderId);
			order.reject(reason);
			this.orders.save(order);
		}
	}

	private Order requireForUpdate(UUID orderId) {
		return this.orders.findForUpdateById(orderId).orElseThrow(() -> new OrderNotFoundException(orderId.toString()));
	}

}
