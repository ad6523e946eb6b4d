package io.microshop.order.ordering;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;

/**
 * All orders.
 */
public interface Orders extends ListCrudRepository<Order, UUID> {

	Page<Order> findByCustomerEmail(String customerEmail, Pageable pageable);

}
