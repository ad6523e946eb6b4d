package io.microshop.order.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

/**
 * All orders.
 */
public interface Orders extends ListCrudRepository<Order, UUID> {

	Page<Order> findByCustomerEmail(String customerEmail, Pageable pageable);

	/**
	 * Every order, a page at a time: what the shop's admin lists.
	 * @param pageable which page, in which order
	 * @return the page
	 */
	Page<Order> findAllBy(Pageable pageable);

	/**
	 * Reads an order to change it, locking its row until the transaction ends
	 * ({@code select ... for [no key] update}): concurrent changes of one order wait for
	 * each other instead of failing on its version.
	 * @param id the order
	 * @return the order, if there is one
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<Order> findForUpdateById(UUID id);

	/**
	 * Claims the oldest orders still pending since before a point in time, locking their
	 * rows until the transaction ends. Rows another transaction holds (a stock answer
	 * being applied, or another instance's claim) are skipped rather than waited for, so
	 * instances never claim the same order and never block each other.
	 * @param cutoff only orders placed before this
	 * @param limit the most orders claimed
	 * @return the claimed orders, oldest first
	 */
	@Query(value = "select * from {h-schema}orders where status = 'PENDING' and created_at < :cutoff "
			+ "order by created_at limit :limit for update skip locked", nativeQuery = true)
	List<Order> claimPendingPlacedBefore(@Param("cutoff") Instant cutoff, @Param("limit") int limit);

	/**
	 * When the oldest pending order was placed.
	 * @return its creation time, or {@code null} if no order is pending
	 */
	@Query("select min(o.createdAt) from Order o where o.status = io.microshop.order.ordering.OrderStatus.PENDING")
	Instant oldestPendingCreatedAt();

}
