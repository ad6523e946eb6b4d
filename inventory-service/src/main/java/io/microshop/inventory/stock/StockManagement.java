package io.microshop.inventory.stock;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.microshop.messaging.Inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inventory use cases: the product catalogue, restocking, and reserving and releasing
 * stock for orders.
 */
@Service
@Transactional
public class StockManagement {

	private static final Logger logger = LoggerFactory.getLogger(StockManagement.class);

	private final Products products;

	private final Reservations reservations;

	private final Inbox inbox;

	private final ApplicationEventPublisher events;

	StockManagement(Products products, Reservations reservations, Inbox inbox, ApplicationEventPublisher events) {
		this.products = products;
		this.reservations = reservations;
		this.inbox = inbox;
		this.events = events;
	}

	/**
	 * Adds a product. The primary key decides a race between two creates of one sku: one
	 * wins, the other fails.
	 * @throws SkuAlreadyExistsException if the sku is taken
	 */
	public Product createProduct(String sku, String name, BigDecimal price, int quantity) {
		try {
			return this.products.saveAndFlush(Product.create(sku, name, price, quantity));
		}
		catch (DataIntegrityViolationException ex) {
			throw new SkuAlreadyExistsException(sku, ex);
		}
	}

	@Transactional(readOnly = true)
	public Product product(String sku) {
		return this.products.findById(sku).orElseThrow(() -> new ProductNotFoundException(sku));
	}

	@Transactional(readOnly = true)
	public Page<Product> products(Pageable pageable) {
		return this.products.findAll(pageable);
	}

	/**
	 * Raises the available stock of a product by {@code quantity}.
	 * @throws ProductNotFoundException if there is no such product
	 * @throws StockLimitExceededException if the product's stock would exceed the limit
	 */
	public Product restock(String sku, int quantity) {
		if (this.products.restock(sku, quantity) == 0) {
			throw this.products.existsById(sku) ? new StockLimitExceededException(sku)
					: new ProductNotFoundException(sku);
		}
		return product(sku);
	}

	/**
	 * Reserves every line of an order or none, then announces {@link StockReserved} or
	 * {@link StockRejected}. Does nothing for a redelivered event or an order that
	 * already has a reservation (including one cancelled before it was placed: a
	 * cancelled order gets no new stock and no new event).
	 * <p>
	 * Each line is one conditional UPDATE, in sku order so that concurrent orders lock
	 * rows in the same order and cannot deadlock. A short line does not throw: rolling
	 * back would also lose the rejection, the event's inbox entry and the event to
	 * publish. Instead the lines already taken are given back explicitly in this same
	 * transaction, under the row locks it still holds, so nobody else ever sees them
	 * reserved.
	 */
	public void reserve(UUID eventId, UUID orderId, List<ReservationLine> requested) {
		if (!this.inbox.firstDelivery(eventId) || this.reservations.existsById(orderId)) {
			return;
		}
		List<ReservationLine> lines = inSkuOrder(requested);
		List<String> shortSkus = takeEach(lines);
		if (shortSkus.isEmpty()) {
			this.reservations.save(Reservation.reserved(orderId, lines));
			this.events.publishEvent(StockReserved.of(orderId));
			return;
		}
		lines.stream().filter((line) -> !shortSkus.contains(line.sku())).forEach(this::giveBack);
		this.reservations.save(Reservation.rejected(orderId));
		this.events.publishEvent(StockRejected.insufficientStock(orderId, shortSkus));
	}

	/**
	 * Gives back exactly what an order's reservation holds, once: the order was
	 * cancelled, or order-service rejected it. A reservation inventory rejected holds
	 * nothing, so releasing it changes nothing. A release that overtakes its
	 * {@code OrderPlaced} is remembered as a released reservation holding nothing, so the
	 * late {@code OrderPlaced} reserves nothing.
	 */
	public void release(UUID eventId, UUID orderId) {
		if (!this.inbox.firstDelivery(eventId)) {
			return;
		}
		this.reservations.findById(orderId)
			.ifPresentOrElse((reservation) -> reservation.release().forEach(this::giveBack),
					() -> this.reservations.save(Reservation.releasedBeforePlacement(orderId)));
		logger.info("Stock of order {} released", orderId);
	}

	/**
	 * Tries to reserve every line, going on after a short one so that a rejection names
	 * every short sku.
	 * @return the skus that could not be reserved
	 */
	private List<String> takeEach(List<ReservationLine> lines) {
		List<String> shortSkus = new ArrayList<>();
		for (ReservationLine line : lines) {
			if (this.products.reserve(line.sku(), line.quantity()) == 0) {
				shortSkus.add(line.sku());
			}
		}
		return shortSkus;
	}

	private void giveBack(ReservationLine line) {
		if (this.products.release(line.sku(), line.quantity()) != 1) {
			// only possible if the stock columns were changed behind our back: fail and
			// let the event be retried
			throw new IllegalStateException("Cannot release %d of '%s'".formatted(line.quantity(), line.sku()));
		}
	}

	private static List<ReservationLine> inSkuOrder(List<ReservationLine> lines) {
		Map<String, Integer> quantities = new TreeMap<>();
		lines.forEach((line) -> quantities.merge(line.sku(), line.quantity(), Math::addExact));
		return quantities.entrySet().stream().map((e) -> new ReservationLine(e.getKey(), e.getValue())).toList();
	}

}
