package io.microshop.order.ordering.web;

import java.net.URI;
import java.util.UUID;

import io.microshop.order.ordering.IdempotencyKey;
import io.microshop.order.ordering.Order;
import io.microshop.order.ordering.OrderManagement;
import io.microshop.order.ordering.OrderNotFoundException;
import io.microshop.order.ordering.PlaceOrder;
import io.microshop.security.Caller;
import io.microshop.web.PageParameters;
import io.microshop.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/orders}, for customers (their own orders) and the admin (anybody's): who
 * may see which order is {@link Customers}'. With the optional {@code Idempotency-Key}
 * header, {@code POST /api/orders} places at most one order per key: a retry answers 201
 * with the same Location and the order as it is now (the order, not a recording of the
 * first response, so a retry sees a confirmation that happened meanwhile).
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
			@Valid @RequestBody OrderRequest request, @AuthenticationPrincipal Jwt token) {
		Caller caller = Caller.of(token);
		PlaceOrder command = request.toCommand(Customers.of(caller, request.customerEmail()), caller.subject());
		Order order = (idempotencyKey != null) ? this.orders.place(command, new IdempotencyKey(idempotencyKey))
				: this.orders.place(command);
		return ResponseEntity.created(URI.create("/api/orders/" + order.getId())).body(OrderResponse.of(order));
	}

	// another customer's order is not found, exactly like one that does not exist
	@GetMapping("/{id}")
	OrderResponse find(@PathVariable String id, @AuthenticationPrincipal Jwt token) {
		Caller caller = Caller.of(token);
		return OrderResponse.of(this.orders.find(orderId(id))
			.filter((order) -> caller.owns(order.getCustomerEmail()))
			.orElseThrow(() -> new OrderNotFoundException(id)));
	}

	// without customerEmail: the caller's own orders, or every order for an admin
	@GetMapping
	PageResponse<OrderResponse> list(
			@RequestParam(required = false) @Pattern(regexp = ".*\\S.*",
					message = "must not be blank") @Email String customerEmail,
			@Valid PageParameters pageParameters, @AuthenticationPrincipal Jwt token) {
		Caller caller = Caller.of(token);
		Pageable pageable = pageParameters.toPageable(NEWEST_FIRST);
		Page<Order> orders = (customerEmail == null && caller.admin()) ? this.orders.findAll(pageable)
				: this.orders.findByCustomer(Customers.of(caller, customerEmail), pageable);
		return PageResponse.of(orders.map(OrderResponse::of));
	}

	@PostMapping("/{id}/cancel")
	OrderResponse cancel(@PathVariable String id, @AuthenticationPrincipal Jwt token) {
		Caller caller = Caller.of(token);
		return OrderResponse.of(this.orders.cancel(orderId(id), (order) -> caller.owns(order.getCustomerEmail())));
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
