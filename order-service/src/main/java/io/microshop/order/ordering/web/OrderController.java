package io.microshop.order.ordering.web;

import java.net.URI;
import java.util.UUID;

import io.microshop.order.ordering.IdempotencyKey;
import io.microshop.order.ordering.Order;
import io.microshop.order.ordering.OrderManagement;
import io.microshop.order.ordering.OrderNotFoundException;
import io.microshop.web.PageParameters;
import io.microshop.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/orders}. With the optional {@code Idempotency-Key} header,
 * {@code POST /api/orders} places at most one order per key: a retry answers 201 with the
 * same Location and the order as it is now (the order, not a recording of the first
 * response, so a retry sees a confirmation that happened meanwhile).
 */
@RestController
@RequestMapping("/api/orders")
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

	private final OrderManagement orders;

	OrderController(OrderManagement orders) {
		this.orders = orders;
	}

	@PostMapping
	ResponseEntity<OrderResponse> place(@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
			@Valid @RequestBody OrderRequest request) {
		Order order = (idempotencyKey != null)
				? this.orders.place(request.toCommand(), new IdempotencyKey(idempotencyKey))
				: this.orders.place(request.toCommand());
		return ResponseEntity.created(URI.create("/api/orders/" + order.getId())).body(OrderResponse.of(order));
	}

	@GetMapping("/{id}")
	OrderResponse find(@PathVariable String id) {
		return OrderResponse.of(this.orders.find(orderId(id)).orElseThrow(() -> new OrderNotFoundException(id)));
	}

	@GetMapping
	PageResponse<OrderResponse> findByCustomer(@RequestParam @NotBlank @Email String customerEmail,
			@Valid PageParameters pageParameters) {
		return PageResponse.of(this.orders.findByCustomer(customerEmail, pageParameters.toPageable(NEWEST_FIRST))
			.map(OrderResponse::of));
	}

	@PostMapping("/{id}/cancel")
	OrderResponse cancel(@PathVariable String id) {
		return OrderResponse.of(this.orders.cancel(orderId(id)));
	}

	// A malformed id names no order: 404, as for any other id that matches nothing
	private static UUID orderId(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new OrderNotFoundException(id);
		}
	}

}
