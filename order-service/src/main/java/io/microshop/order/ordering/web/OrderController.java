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
import io.microshop.web.ProblemResponse;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
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
@OpenAPIDefinition(info = @Info(title = "Orders (order-service)", version = "2",
		description = "Customers place and follow their own orders; the admin sees every order. An order is PENDING "
				+ "until inventory-service has reserved stock for every line (CONFIRMED) or could not "
				+ "(REJECTED, rejectionReason INSUFFICIENT_STOCK); a cancel gives the stock back."))
@Tag(name = "Orders", description = "Placing, following and cancelling orders")
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	// what the documents say of the two calls that name an order
	private static final String NO_SUCH_ORDER = "No such order: also for a malformed id and for another customer's order";

	private static final String AN_ORDER_ID = "0f8b9d3e-5c1a-4e8e-9b7a-2d4c6e8f0a1b";

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

	private final OrderManagement orders;

	OrderController(OrderManagement orders) {
		this.orders = orders;
	}

	@PostMapping
	@Operation(summary = "Place an order",
			description = "For the caller (customerEmail left out or their own) or, by the admin, for any customer. "
					+ "The lines are priced at once; stock is reserved asynchronously, so the order is PENDING "
					+ "until it is CONFIRMED or REJECTED: poll GET /api/orders/{id}.")
	@ApiResponse(responseCode = "201", description = "The order, PENDING; Location is its address")
	@ProblemResponse(status = HttpStatus.BAD_REQUEST, type = "invalid-request", title = "Invalid request",
			when = "The body is invalid: a bad email, no lines, a quantity <= 0, the same sku twice, more than 50 "
					+ "lines, an unknown field; or the Idempotency-Key is not 1 to 128 printable characters")
	@ProblemResponse(status = HttpStatus.FORBIDDEN, type = "forbidden", title = "Forbidden",
			when = "A customer named another customer's email, or the token has neither role")
	@ProblemResponse(status = HttpStatus.UNPROCESSABLE_CONTENT, type = "unknown-sku", title = "Unknown sku",
			when = "A line names a sku the shop does not sell (the problem's sku says which)")
	@ProblemResponse(status = HttpStatus.UNPROCESSABLE_CONTENT, type = "idempotency-key-reused",
			title = "Idempotency key reused", when = "The Idempotency-Key was used before with another body")
	@ProblemResponse(status = HttpStatus.SERVICE_UNAVAILABLE, type = "prices-unavailable", title = "Prices unavailable",
			when = "The prices cannot be fetched right now; retry after Retry-After")
	ResponseEntity<OrderResponse> place(
			@Parameter(
					description = "Places at most one order per key: a retry with "
							+ "the same key and body answers 201 with the same order",
					schema = @Schema(minLength = 1, maxLength = 128), example = "7d8a0c9e-checkout-1") @RequestHeader(
							name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
			@Valid @RequestBody OrderRequest request, @AuthenticationPrincipal Jwt token) {
		Caller caller = Caller.of(token);
		PlaceOrder command = request.toCommand(Customers.of(caller, request.customerEmail()), caller.subject());
		Order order = (idempotencyKey != null) ? this.orders.place(command, new IdempotencyKey(idempotencyKey))
				: this.orders.place(command);
		return ResponseEntity.created(URI.create("/api/orders/" + order.getId())).body(OrderResponse.of(order));
	}

	// another customer's order is not found, exactly like one that does not exist
	@GetMapping("/{id}")
	@Operation(summary = "Read an order", description = "A customer reads their own orders, the admin any order.")
	@ApiResponse(responseCode = "200", description = "The order")
	@ProblemResponse(status = HttpStatus.NOT_FOUND, type = "order-not-found", title = "Order not found",
			when = NO_SUCH_ORDER)
	OrderResponse find(
			@Parameter(description = "The order's id (a UUID)", example = AN_ORDER_ID) @PathVariable String id,
			@AuthenticationPrincipal Jwt token) {
		Caller caller = Caller.of(token);
		return OrderResponse.of(this.orders.find(orderId(id))
			.filter((order) -> caller.owns(order.getCustomerEmail()))
			.orElseThrow(() -> new OrderNotFoundException(id)));
	}

	// without customerEmail: the caller's own orders, or every order for an admin
	@GetMapping
	@Operation(summary = "List orders, newest first",
			description = "A customer's own orders; the admin's: every order, or one customer's with customerEmail.")
	@ApiResponse(responseCode = "200", description = "A page of orders")
	@ProblemResponse(status = HttpStatus.BAD_REQUEST, type = "invalid-request", title = "Invalid request",
			when = "A bad customerEmail, page or size")
	@ProblemResponse(status = HttpStatus.FORBIDDEN, type = "forbidden", title = "Forbidden",
			when = "A customer named another customer, or the token has neither role")
	PageResponse<OrderResponse> list(
			@Parameter(description = "Whose orders (a customer may name only themselves)",
					example = "ada@example.com") @RequestParam(required = false) @Pattern(regexp = ".*\\S.*",
							message = "must not be blank") @Email String customerEmail,
			@Valid PageParameters pageParameters, @AuthenticationPrincipal Jwt token) {
		Caller caller = Caller.of(token);
		Pageable pageable = pageParameters.toPageable(NEWEST_FIRST);
		Page<Order> orders = (customerEmail == null && caller.admin()) ? this.orders.findAll(pageable)
				: this.orders.findByCustomer(Customers.of(caller, customerEmail), pageable);
		return PageResponse.of(orders.map(OrderResponse::of));
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel an order",
			description = "A PENDING or CONFIRMED order becomes CANCELLED and its reserved stock is given back; "
					+ "cancelling a cancelled order returns it unchanged.")
	@ApiResponse(responseCode = "200", description = "The order, CANCELLED")
	@ProblemResponse(status = HttpStatus.NOT_FOUND, type = "order-not-found", title = "Order not found",
			when = NO_SUCH_ORDER)
	@ProblemResponse(status = HttpStatus.CONFLICT, type = "order-not-cancellable", title = "Order cannot be cancelled",
			when = "The order was REJECTED")
	@ProblemResponse(status = HttpStatus.SERVICE_UNAVAILABLE, type = "concurrent-update",
			title = "Order changed meanwhile", when = "The order changed while the cancel was handled; retry")
	OrderResponse cancel(
			@Parameter(description = "The order's id (a UUID)", example = AN_ORDER_ID) @PathVariable String id,
			@AuthenticationPrincipal Jwt token) {
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
