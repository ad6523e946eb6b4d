package io.microshop.order.ordering;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A request that placed an order under an idempotency key: which order, and the
 * {@link RequestFingerprint} of the request, so that a retry can be told from a reuse of
 * the key. Written once, by {@link IdempotentRequests#insertIfAbsent}, and never changed.
 * Keys do not expire yet: a cleanup job can remove old ones later.
 */
@Entity
@Immutable
@Table(name = "idempotency_keys")
class IdempotentRequest {

	@Id
	private String idempotencyKey;

	@JdbcTypeCode(SqlTypes.CHAR)
	@Column(nullable = false, length = 64)
	private String requestFingerprint;

	@Column(nullable = false)
	private UUID orderId;

	@Column(nullable = false)
	private Instant createdAt;

	protected IdempotentRequest() {
		// for JPA
	}

	boolean matches(String fingerprint) {
		return this.requestFingerprint.equals(fingerprint);
	}

	UUID getOrderId() {
		return this.orderId;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

}
