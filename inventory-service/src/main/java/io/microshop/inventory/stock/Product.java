package io.microshop.inventory.stock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * A product with its price and stock. Stock levels are never changed in Java:
 * {@link Products} moves them with atomic conditional UPDATEs so that concurrent
 * reservations cannot oversell.
 */
@Entity
@Table(name = "products")
public class Product implements Persistable<String> {

	@Id
	private String sku;

	private String name;

	@Column(precision = 12, scale = 2)
	private BigDecimal price;

	private int available;

	private int reserved;

	private Instant createdAt;

	private Instant updatedAt;

	// counted up by every change (Products' UPDATEs), never written from here
	@Column(insertable = false, updatable = false)
	private long version;

	// the sku is assigned, so Spring Data cannot tell new from existing; persisting
	// (never merging) a new
	// product lets the primary key reject a duplicate sku instead of silently overwriting
	// it
	@Transient
	private boolean isNew;

	protected Product() {
	}

	private Product(String sku, String name, BigDecimal price, int quantity, Instant now) {
		this.sku = sku;
		this.name = name;
		this.price = price.setScale(2, RoundingMode.UNNECESSARY);
		this.available = quantity;
		this.reserved = 0;
		this.createdAt = now;
		this.updatedAt = now;
		this.isNew = true;
	}

	static Product create(String sku, String name, BigDecimal price, int quantity) {
		return new Product(sku, name, price, quantity, Instant.now());
	}

	@PostLoad
	@PostPersist
	void markPersisted() {
		this.isNew = false;
	}

	@Override
	public String getId() {
		return this.sku;
	}

	@Override
	public boolean isNew() {
		return this.isNew;
	}

	public String getSku() {
		return this.sku;
	}

	public String getName() {
		return this.name;
	}

	public BigDecimal getPrice() {
		return this.price;
	}

	public int getAvailable() {
		return this.available;
	}

	public int getReserved() {
		return this.reserved;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	/**
	 * The product's version: 0 when created, counted up by every change of its stock.
	 * @return the version
	 */
	public long getVersion() {
		return this.version;
	}

}
