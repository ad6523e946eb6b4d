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
import io.microshop.order.security.SecurityConfiguration;
import io.microshop.testidentity.ImportTestIdentity;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * The controller with the service's real security in front (tokens of the test identity
 * provider, validated as in production). Requests are Ada's, a customer, unless they say
 * otherwise.
 */
@WebMvcTest(OrderController.class)
@Import(SecurityConfiguration.class)
@ImportTestIdentity
class OrderControllerTests {

	private static final TestIdentityProvider identity = TestIdentityProvider.get();

	private static final String ADA = "Bearer " + identity.customer("ada@example.com");

	private static final String ADA_SUBJECT = identity.token().customer("ada@example.com").subject();

	private static final String ADMIN = "Bearer " + identity.admin();

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private OrderManagement orders;

	@Test
	void placingAnOrderAnswers201WithItsLocationAndThePendingOrder() {
		Order order = Order.place("ada@example.com", List.of(new OrderLine("BOOK-1", 2, new BigDecimal("19.99"))));
		given(this.orders
			.place(new PlaceOrder("ada@example.com", List.of(new PlaceOrder.Line("BOOK-1", 2)), ADA_SUBJECT)))
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
		given(this.orders.cancel(eq(order.getId()), any())).willReturn(order);

		assertThat(this.mvc.post().uri("/api/orders/{id}/cancel", order.getId())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CANCELLED");
	}

	@Test
	void cancellingARejectedOrderIsAConflict() {
		Order order = Order.place("ada@example.com", List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)));
		order.reject(Order.INSUFFICIENT_STOCK);
		given(this.orders.cancel(eq(order.getId()), any())).willAnswer((invocation) -> {
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
		given(this.orders.cancel(eq(orderId), any()))
			.willThrow(new ObjectOptimisticLockingFailureException(Order.class, orderId));

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
	void listingOrdersNeedsAValidCustomerEmailWhenOneIsNamed() {
		assertInvalid(this.mvc.get().uri("/api/orders?customerEmail=").exchange(), "customerEmail");
		assertInvalid(this.mvc.get().uri("/api/orders?customerEmail=nope").exchange(), "customerEmail");
	}

	@Test
	void aCustomerWhoNamesNobodyOrdersForThemselves() {
		Order order = Order.place("ada@example.com", List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)));
		given(this.orders
			.place(new PlaceOrder("ada@example.com", List.of(new PlaceOrder.Line("BOOK-1", 1)), ADA_SUBJECT)))
			.willReturn(order);

		assertThat(post("""
				{"lines": [{"sku": "BOOK-1", "quantity": 1}]}""")).hasStatus(HttpStatus.CREATED);
	}

	@Test
	void aCustomerWhoNamesAnotherCustomerIsForbiddenAndNothingIsPlaced() {
		assertThat(post("""
				{"customerEmail": "grace@example.com", "lines": [{"sku": "BOOK-1", "quantity": 1}]}"""))
			.hasStatus(HttpStatus.FORBIDDEN)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:microshop:problem:forbidden");
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void aCustomerMayNotListAnotherCustomersOrders() {
		assertThat(this.mvc.get().uri("/api/orders?customerEmail=grace@example.com")).hasStatus(HttpStatus.FORBIDDEN);
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void aCustomerWhoNamesNobodyListsTheirOwnOrders() {
		Pageable pageable = PageRequest.of(0, 20, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
		given(this.orders.findByCustomer("ada@example.com", pageable)).willReturn(Page.empty(pageable));

		assertThat(this.mvc.get().uri("/api/orders")).hasStatusOk();
		then(this.orders).should().findByCustomer("ada@example.com", pageable);
	}

	@Test
	void theAdminWhoNamesNobodyListsEveryOrder() {
		Pageable pageable = PageRequest.of(0, 20, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
		given(this.orders.findAll(pageable)).willReturn(Page.empty(pageable));

		assertThat(this.mvc.get().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, ADMIN)).hasStatusOk();
		then(this.orders).should().findAll(pageable);
	}

	@Test
	void theAdminOrdersForAnyCustomer() {
		Order order = Order.place("grace@example.com", List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)));
		given(this.orders.place(any())).willReturn(order);

		assertThat(this.mvc.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"customerEmail": "Grace@Example.com", "lines": [{"sku": "BOOK-1", "quantity": 1}]}"""))
			.hasStatus(HttpStatus.CREATED);
		then(this.orders).should()
			.place(new PlaceOrder("grace@example.com", List.of(new PlaceOrder.Line("BOOK-1", 1)),
					identity.token().admin().subject()));
	}

	@Test
	void anotherCustomersOrderIsNotFoundExactlyLikeAMissingOne() throws Exception {
		Order graces = Order.place("grace@example.com", List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)));
		given(this.orders.find(any())).willReturn(Optional.empty());
		given(this.orders.find(graces.getId())).willReturn(Optional.of(graces));

		MvcTestResult foreign = this.mvc.get().uri("/api/orders/{id}", graces.getId()).exchange();
		UUID missingId = UUID.randomUUID();
		MvcTestResult missing = this.mvc.get().uri("/api/orders/{id}", missingId).exchange();

		assertThat(foreign).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(missing).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(foreign.getResponse().getContentAsString().replace(graces.getId().toString(), "<id>"))
			.isEqualTo(missing.getResponse().getContentAsString().replace(missingId.toString(), "<id>"));
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
		given(this.orders.place(
				new PlaceOrder("ada@example.com", List.of(new PlaceOrder.Line("BOOK-1", 1)), ADA_SUBJECT),
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
		assertInvalidKey("r\u00e9essai");
		// control characters: Spring Security's firewall may refuse the header before the
		// controller validates it; a 400 problem either way
		assertRefusedKey("retry\u00011");
		assertRefusedKey("retry\t1");
	}

	private void assertRefusedKey(String key) {
		assertThat(post(key, """
				{"customerEmail": "ada@example.com", "lines": [{"sku": "BOOK-1", "quantity": 1}]}"""))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		then(this.orders).shouldHaveNoInteractions();
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

	@TestConfiguration(proxyBeanMethods = false)
	static class AsAda {

		@Bean
		MockMvcBuilderCustomizer asAda() {
			return (builder) -> builder
				.defaultRequest(MockMvcRequestBuilders.get("/").header(HttpHeaders.AUTHORIZATION, ADA));
		}

	}

}
