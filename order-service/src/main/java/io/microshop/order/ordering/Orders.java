package io.microshop.order.ordering;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

/**
 * All orders.
 */
public interface Orders extends ListCrudRepository<Order, UUID> {

	Page<Order> findByCustomerEmail(String customerEmail, Pageable pageable);

	/**
	 * Reads an order to change it, locking its row until the transaction ends
	 * ({@code select ... for [no key] update}): concurrent changes of one order wait for
	 * each other instead of failing on its version.
	 * @param id the order
	 * @return the order, if there is one
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<Order> findForUpdateById(UUID id);

}
