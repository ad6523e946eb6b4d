package io.microshop.inventory.stock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * What inventory did for one order: the stock it holds, or why it holds none. There is at
 * most one per order, which is what makes a late or repeated {@code OrderPlaced}
 * harmless.
 */
@Entity
@Table(name = "reservations")
public class Reservation implements Persistable<UUID> {

	@Id
	private UUID orderId;

	@Enumerated(EnumType.STRING)
	private ReservationStatus status;

	@ElementCollection
	@CollectionTable(name = "reservation_lines", joinColumns = @JoinColumn(name = "order_id"))
	@OrderBy("sku")
	private List<ReservationLine> lines = new ArrayList<>();

	private Instant createdAt;

	private Instant updatedAt;

	// assigned id: persist, never merge, so a second reservation for an order fails on
	// the primary key
	@Transient
	private boolean isNew;

	protected Reservation() {
	}

	private Reservation(UUID orderId, ReservationStatus status, List<ReservationLine> lines) {
		this.orderId = orderId;
		this.status = status;
		this.lines = new ArrayList<>(lines);
		this.createdAt = Instant.now();
		this.updatedAt = this.createdAt;
		this.isNew = true;
	}

	static Reservation reserved(UUID orderId, List<ReservationLine> lines) {
		return new Reservation(orderId, ReservationStatus.RESERVED, lines);
	}

	static Reservation rejected(UUID orderId) {
		return new Reservation(orderId, ReservationStatus.REJECTED, List.of());
	}

	/**
	 * The order was cancelled or rejected before its {@code OrderPlaced} arrived:
	 * remember it as released with nothing held, so the late {@code OrderPlaced} reserves
	 * nothing.
	 */
	static Reservation releasedBeforePlacement(UUID orderId) {
		return new Reservation(orderId, ReservationStatus.RELEASED, List.of());
	}

	/**
	 * Releases the reservation once.
	 * @return the lines whose stock must go back to available; empty unless this
	 * reservation held stock
	 */
	List<ReservationLine> release() {
		if (this.status != ReservationStatus.RESERVED) {
			return List.of();
		}
		this.status = ReservationStatus.RELEASED;
		this.updatedAt = Instant.now();
		return List.copyOf(this.lines);
	}

	@PostLoad
	@PostPersist
	void markPersisted() {
		this.isNew = false;
	}

	@Override
	public UUID getId() {
		return this.orderId;
	}

	@Override
	public boolean isNew() {
		return this.isNew;
	}

	public UUID getOrderId() {
		return this.orderId;
	}

	public ReservationStatus getStatus() {
		return this.status;
	}

	public List<ReservationLine> getLines() {
		return List.copyOf(this.lines);
	}

}
