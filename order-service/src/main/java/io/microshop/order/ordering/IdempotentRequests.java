package io.microshop.order.ordering;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The idempotency keys that placed an order.
 */
interface IdempotentRequests extends Repository<IdempotentRequest, String> {

	Optional<IdempotentRequest> findById(String idempotencyKey);

	/**
	 * Records that a key placed an order, unless the key is taken. While another
	 * transaction holds the same key uncommitted, this waits for it: if it commits, this
	 * inserts nothing. The order is flushed first, as the row refers to it.
	 * @param idempotencyKey the key
	 * @param requestFingerprint the {@link RequestFingerprint} of the request
	 * @param orderId the order the request placed
	 * @return 1 if the key is now this order's, 0 if it was taken
	 */
	@Modifying(flushAutomatically = true)
	@Query(value = "insert into {h-schema}idempotency_keys (idempotency_key, request_fingerprint, order_id, created_at) "
			+ "values (:idempotencyKey, :requestFingerprint, :orderId, now()) "
			+ "on conflict (idempotency_key) do nothing", nativeQuery = true)
	int insertIfAbsent(@Param("idempotencyKey") String idempotencyKey,
			@Param("requestFingerprint") String requestFingerprint, @Param("orderId") UUID orderId);

}
