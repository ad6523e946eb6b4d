package io.microshop.order.ordering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;

import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * An order and its lines: the aggregate that the order saga moves from state to state.
 * Every change goes through an intention-revealing method that guards the allowed
 * transitions and registers the matching event.
 */
@Entity
@Table(name = "orders")
public class Order extends AbstractAggregateRoot<Order> {

	/**
	 * The reason given when inventory-service cannot reserve every line.
	 */
	public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";

	/**
	 * The reason given when no answer about the stock came within the pending timeout.
	 */
	public static final String RESERVATION_TIMED_OUT = "RESERVATION_TIMED_OUT";

	@Id
	private UUID id;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private OrderStatus status;

	@Column(nullable = false)
	private String customerEmail;

	/**
	 * The subject ({@code sub}) of the token that placed the order: the customer, or an
	 * admin ordering for them; {@code null} for orders placed before API v2.
	 */
	private String placedBy;

	// The lines belong to the order and are always needed with it; batching keeps a page
	// of orders to one extra query
	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
	@OrderColumn(name = "line_number")
	@BatchSize(size = 100)
	private List<OrderLine> lines = new ArrayList<>();

	// Up to 50 lines of 10,000 units at a price below 10^10: 16 integer digits
	@Column(nullable = false, precision = 18, scale = 2)
	private BigDecimal total;

	private String rejectionReason;

	@Column(nullable = false)
	private Instant createdAt;

	@Column(nullable = false)
	private Instant updatedAt;

	// A safety net only: the use cases that change an order lock its row first, so two
	// changes of one order never meet here
	@Version
	private Long version;

	protected Order() {
		// for JPA
	}

	private Order(String customerEmail, List<OrderLine> lines) {
		this.id = UUID.randomUUID();
		this.status = OrderStatus.PENDING;
		this.customerEmail = customerEmail;
		this.lines = new ArrayList<>(lines);
		this.total = lines.stream().map(OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
		this.total = this.total.setScale(2, RoundingMode.HALF_UP);
		this.createdAt = now();
		this.updatedAt = this.createdAt;
	}

	/**
	 * Places a new, pending order.
	 * @param customerEmail who orders
	 * @param lines the priced lines, at least one, each sku at most once
	 * @return the order, with {@link OrderPlaced} registered
	 */
	public static Order place(String customerEmail, List<OrderLine> lines) {
		return place(customerEmail, null, lines);
	}

	/**
	 * Places a new, pending order for a customer, recording who placed it.
	 * @param customerEmail who the order is for: its owner
	 * @param placedBy the subject of the token that placed it
	 * @param lines the priced lines, at least one, each sku at most once
	 * @return the order, with {@link OrderPlaced} registered
	 */
	public static Order place(String customerEmail, String placedBy, List<OrderLine> lines) {
		if (customerEmail == null || customerEmail.isBlank()) {
			throw new IllegalArgumentException("An order needs a customer email");
		}
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("An order needs at least one line");
		}
		if (new HashSet<>(lines.stream().map(OrderLine::sku).toList()).size() != lines.size()) {
			throw new IllegalArgumentException("An order names each sku at most once");
		}
		Order order = new Order(customerEmail, lines);
		order.placedBy = placedBy;
		order.registerEvent(
				new OrderPlaced(UUID.randomUUID(), order.createdAt, order.id, customerEmail, order.lines, order.total));
		return order;
	}

	/**
	 * Stock for every line is reserved. Only a pending order waits for that answer: in
	 * any other state the order has moved on (it was cancelled, timed out or answered
	 * already), and a late or repeated answer changes nothing and announces nothing.
	 * @return whether the order was confirmed
	 */
	public boolean confirm() {
		if (this.status != OrderStatus.PENDING) {
			return false;
		}
		moveTo(OrderStatus.CONFIRMED);
		registerEvent(new OrderConfirmed(UUID.randomUUID(), this.updatedAt, this.id, this.customerEmail, this.total,
				this.createdAt));
		return true;
	}

	/**
	 * Some line could not be reserved. As with {@link #confirm()}, only a pending order
	 * is affected.
	 * @param reason why, e.g. {@link #INSUFFICIENT_STOCK}
	 * @return whether the order was rejected
	 */
	public boolean reject(String reason) {
		if (this.status != OrderStatus.PENDING) {
			return false;
		}
		moveTo(OrderStatus.REJECTED);
		this.rejectionReason = reason;
		registerEvent(new OrderRejected(UUID.randomUUID(), this.updatedAt, this.id, this.customerEmail, reason,
				this.createdAt));
		return true;
	}

	/**
	 * No answer about the order's stock came in time: the order is rejected as
	 * {@link #RESERVATION_TIMED_OUT} rather than staying pending forever. A stock answer
	 * that comes later changes nothing.
	 * @return whether the order was rejected (only a pending order is)
	 */
	public boolean timeOut() {
		return reject(RESERVATION_TIMED_OUT);
	}

	/**
	 * The customer cancels the order. Cancelling twice is harmless: the second time
	 * changes nothing and announces nothing.
	 * @throws OrderNotCancellableException if the order was rejected
	 */
	public void cancel() {
		if (this.status == OrderStatus.CANCELLED) {
			return;
		}
		if (this.status == OrderStatus.REJECTED) {
			throw new OrderNotCancellableException(this.id, this.status);
		}
		moveTo(OrderStatus.CANCELLED);
		registerEvent(new OrderCancelled(UUID.randomUUID(), this.updatedAt, this.id, this.customerEmail));
	}

	private void moveTo(OrderStatus status) {
		this.status = status;
		this.updatedAt = now();
	}

	// PostgreSQL keeps microseconds: the order as returned equals the order as read back
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	public UUID getId() {
		return this.id;
	}

	public OrderStatus getStatus() {
		return this.status;
	}

	public String getCustomerEmail() {
		return this.customerEmail;
	}

	public String getPlacedBy() {
		return this.placedBy;
	}

	public List<OrderLine> getLines() {
		return List.copyOf(this.lines);
	}

	public BigDecimal getTotal() {
		return this.total;
	}

	public String getRejectionReason() {
		return this.rejectionReason;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
