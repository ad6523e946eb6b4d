package io.microshop.order.ordering.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.microshop.order.ordering.IdempotencyKey;
import io.microshop.order.ordering.IdempotencyKeyReusedException;
import io.microshop.order.ordering.Order;
import io.microshop.order.ordering.OrderLine;
import io.microshop.order.ordering.OrderManagement;
import io.microshop.order.ordering.PlaceOrder;
import io.microshop.order.pricing.PricesUnavailableException;
import io.microshop.order.pricing.UnknownSkuException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

@WebMvcTest(OrderController.class)
class OrderControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private OrderManagement orders;

	@Test
	void placingAnOrderAnswers201WithItsLocationAndThePendingOrder() {
		Order order = Order.place("ada@example.com", List.of(new OrderLine("BOOK-1", 2, new BigDecimal("19.99"))));
		given(this.orders.place(new PlaceOrder("ada@example.com", List.of(new PlaceOrder.Line("BOOK-1", 2)))))
			.willReturn(order);

		MvcTestResult result = post("""
				{"customerEmail": "ada@example.com", "lines": [{"sku": "BOOK-1", "quantity": 2}]}""");

		assertThat(result).hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "/api/orders/" + order.getId())
			.bodyJson()
			.isLenientlyEqualTo("""
					{"id": "%s", "status": "PENDING", "customerEmail": "ada@example.com",
					 "lines": [{"sku": "BOOK-1", "quantity": 2, "unitPrice": 19.99}],
					 "total": 39.98, "rejectionReason": null}""".formatted(order.getId()));
		assertThat(result).bodyJson().hasPathSatisfying("$.createdAt", (value) -> assertThat(value).isNotNull());
	}

	@Test
	void anOrderNeedsAValidEmail() {
		assertInvalid(post("""
				{"customerEmail": "not-an-email", "lines": [{"sku": "BOOK-1", "quantity": 1}]}"""), "customerEmail");
	}

	@Test
	void anOrderNeedsALine() {
		assertInvalid(post("""
				{"customerEmail": "ada@example.com", "lines": []}"""), "lines");
	}

	@Test
	void aLineNeedsAPositiveQuantity() {
		assertInvalid(post("""
				{"customerEmail": "ada@example.com", "lines": [{"sku": "BOOK-1", "quantity": 0}]}"""),
				"lines[0].quantity");
	}

	@Test
	void aLineNeedsAWholeQuantity() {
		assertInvalid(post("""
				{"customerEmail": "ada@example.com", "lines": [{"sku": "BOOK-1", "quantity": 2.5}]}"""),
				"lines[0].quantity");
	}

	@Test
	void aLineNeedsAWellFormedSku() {
		assertInvalid(post("""
				{"customerEmail": "ada@example.com", "lines": [{"sku": "../admin", "quantity": 1}]}"""),
				"lines[0].sku");
	}

	@Test
	void anOrderNamesEachSkuOnce() {
		assertInvalid(post("""
				{"customerEmail": "ada@example.com",
				 "lines": [{"sku": "BOOK-1", "quantity": 1}, {"sku": "BOOK-1", "quantity": 2}]}"""), "lines");
	}

	@Test
	void anOrderHasAtMostFiftyLines() {
		String lines = IntStream.rangeClosed(1, 51)
			.mapToObj((i) -> "{\"sku\": \"SKU-%d\", \"quantity\": 1}".formatted(i))
			.collect(Collectors.joining(","));

		assertInvalid(post("{\"customerEmail\": \"ada@example.com\", \"lines\": [" + lines + "]}"), "lines");
	}

	@Test
	void anUnknownSkuIsUnprocessable() {
		given(this.orders.place(any())).willThrow(new UnknownSkuException("NOPE-1"));

		assertThat(post("""
				{"customerEmail": "ada@example.com", "lines": [{"sku": "NOPE-1", "quantity": 1}]}"""))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type": "urn:microshop:problem:unknown-sku", "status": 422, "sku": "NOPE-1"}""");
	}

	@Test
	void unavailablePricesAnswer503WithRetryAfter() {
		given(this.orders.place(any()))
			.willThrow(new PricesUnavailableException("BOOK-1", new IllegalStateException("refused")));

		assertThat(post("""
				{"customerEmail": "ada@example.com", "lines": [{"sku": "BOOK-1", "quantity": 1}]}"""))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader("Retry-After", "5")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type": "urn:microshop:problem:prices-unavailable", "status": 503}""");
	}

	@Test
	void anOrderIsFoundById() {
		Order order = Order.place("ada@example.com", List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)));
		given(this.orders.find(order.getId())).willReturn(Optional.of(order));

		assertThat(this.mvc.get().uri("/api/orders/{id}", order.getId())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.id")
			.isEqualTo(order.getId().toString());
	}

	@Test
	void anUnknownOrderIsNotFound() {
		given(this.orders.find(any())).willReturn(Optional.empty());

		assertThat(this.mvc.get().uri("/api/orders/{id}", UUID.randomUUID())).hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:microshop:problem:order-not-found");
	}

	@Test
	void aMalformedOrderIdIsNotFound() {
		assertThat(this.mvc.get().uri("/api/orders/not-a-uuid")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.post().uri("/api/orders/not-a-uuid/cancel")).hasStatus(HttpStatus.NOT_FOUND);
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void cancellingAnOrderAnswersTheCancelledOrder() {
		Order order = Order.place("ada@example.com", List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)));
		order.cancel();
		given(this.orders.cancel(order.getId())).willReturn(order);

		assertThat(this.mvc.post().uri("/api/orders/{id}/cancel", order.getId())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CANCELLED");
	}

	@Test
	void cancellingARejectedOrderIsAConflict() {
		Order order = Order.place("ada@example.com", List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)));
		order.reject(Order.INSUFFICIENT_STOCK);
		given(this.orders.cancel(order.getId())).willAnswer((invocation) -> {
			order.cancel();
			return order;
		});

		assertThat(this.mvc.post().uri("/api/orders/{id}/cancel", order.getId())).hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:microshop:problem:order-not-cancellable");
	}

	@Test
	void aChangeThatSlipsPastTheRowLockAnswers503WithRetryAfter() {
		UUID orderId = UUID.randomUUID();
		given(this.orders.cancel(orderId)).willThrow(new ObjectOptimisticLockingFailureException(Order.class, orderId));

		assertThat(this.mvc.post().uri("/api/orders/{id}/cancel", orderId)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader("Retry-After", "1")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type": "urn:microshop:problem:concurrent-update", "status": 503}""");
	}

	@Test
	void aCustomersOrdersComeAsAPageNewestFirst() {
		Order order = Order.place("ada@example.com", List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)));
		Pageable pageable = PageRequest.of(1, 5, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
		given(this.orders.findByCustomer("ada@example.com", pageable))
			.willReturn(new PageImpl<>(List.of(order), pageable, 6));

		assertThat(this.mvc.get().uri("/api/orders?customerEmail=ada@example.com&page=1&size=5")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo(
					"""
							{"content": [{"id": "%s"}], "page": {"size": 5, "number": 1, "totalElements": 6, "totalPages": 2}}"""
						.formatted(order.getId()));
	}

	@Test
	void listingOrdersNeedsAValidCustomerEmail() {
		assertInvalid(this.mvc.get().uri("/api/orders").exchange(), "customerEmail");
		assertInvalid(this.mvc.get().uri("/api/orders?customerEmail=nope").exchange(), "customerEmail");
	}

	@Test
	void listingOrdersNeedsAValidPage() {
		assertInvalid(this.mvc.get().uri("/api/orders?customerEmail=ada@example.com&size=101").exchange(), "size");
		assertInvalid(this.mvc.get().uri("/api/orders?customerEmail=ada@example.com&page=-1").exchange(), "page");
	}

	@Test
	void anIdempotencyKeyIsHandedToThePlacement() {
		Order order = Order.place("ada@example.com", List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)));
		String key = "retry 1 of ~order/42 " + "k".repeat(107);
		given(this.orders.place(new PlaceOrder("ada@example.com", List.of(new PlaceOrder.Line("BOOK-1", 1))),
				new IdempotencyKey(key)))
			.willReturn(order);

		assertThat(post(key, """
				{"customerEmail": "ada@example.com", "lines": [{"sku": "BOOK-1", "quantity": 1}]}"""))
			.hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "/api/orders/" + order.getId());
		then(this.orders).should(never()).place(any());
	}

	@Test
	void anIdempotencyKeyIsOneTo128PrintableCharacters() {
		assertInvalidKey("");
		assertInvalidKey("k".repeat(129));
		assertInvalidKey("retry\u00011");
		assertInvalidKey("retry\t1");
		assertInvalidKey("r\u00e9essai");
	}

	@Test
	void anIdempotencyKeyReusedForAnotherRequestIsUnprocessable() {
		given(this.orders.place(any(), any())).willThrow(new IdempotencyKeyReusedException());

		assertThat(post("key-1", """
				{"customerEmail": "ada@example.com", "lines": [{"sku": "BOOK-1", "quantity": 3}]}"""))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type": "urn:microshop:problem:idempotency-key-reused", "title": "Idempotency key reused",
					 "status": 422}""");
	}

	private void assertInvalidKey(String key) {
		assertInvalid(post(key, """
				{"customerEmail": "ada@example.com", "lines": [{"sku": "BOOK-1", "quantity": 1}]}"""),
				"Idempotency-Key");
		then(this.orders).should(never()).place(any(), any());
	}

	private MvcTestResult post(String idempotencyKey, String body) {
		return this.mvc.post()
			.uri("/api/orders")
			.header("Idempotency-Key", idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private MvcTestResult post(String body) {
		return this.mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	private void assertInvalid(MvcTestResult result, String field) {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.contains(field);
		then(this.orders).should(never()).place(any());
	}

}
