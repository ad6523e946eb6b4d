package io.microshop.order.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.microshop.testsupport.ImportTestInfrastructure;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

@DataJpaTest
@ImportTestInfrastructure
@AutoConfigureTestDatabase(replace = Replace.NONE)
class OrdersTests {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

	@Autowired
	private Orders orders;

	@Autowired
	private IdempotentRequests idempotentRequests;

	@Autowired
	private EntityManager entityManager;

	@Test
	void anOrderIsStoredWithItsLinesInOrder() {
		Order order = Order.place(uniqueEmail(), List.of(new OrderLine("BOOK-1", 2, new BigDecimal("19.99")),
				new OrderLine("PEN-1", 3, new BigDecimal("1.50")), new OrderLine("INK-1", 1, new BigDecimal("7"))));
		this.orders.save(order);
		flushAndClear();

		Order read = this.orders.findById(order.getId()).orElseThrow();

		assertThat(read.getLines()).containsExactlyElementsOf(order.getLines());
		assertThat(read.getLines()).extracting(OrderLine::unitPrice)
			.allSatisfy((price) -> assertThat(price).hasScaleOf(2));
		assertThat(read.getTotal()).isEqualByComparingTo("51.48");
		assertThat(read.getStatus()).isEqualTo(OrderStatus.PENDING);
		assertThat(read.getCreatedAt()).isEqualTo(order.getCreatedAt());
		assertThat(read.getUpdatedAt()).isEqualTo(order.getUpdatedAt());
		assertThat(read.getRejectionReason()).isNull();
	}

	@Test
	void theLargestOrderTheApiAcceptsIsStoredWithItsExactTotal() {
		// the API's bounds: 50 lines of at most 10,000 units, prices below 10^10
		BigDecimal highestPrice = new BigDecimal("9999999999.99");
		List<OrderLine> lines = IntStream.rangeClosed(1, 50)
			.mapToObj((i) -> new OrderLine("SKU-" + i, 10_000, highestPrice))
			.toList();
		Order order = this.orders.save(Order.place(uniqueEmail(), lines));
		flushAndClear();

		Order read = this.orders.findById(order.getId()).orElseThrow();

		assertThat(read.getTotal()).isEqualTo(new BigDecimal("4999999999995000.00"));
		assertThat(read.getLines()).hasSize(50).extracting(OrderLine::unitPrice).containsOnly(highestPrice);
	}

	@Test
	void anOrderIsReadForUpdateWithItsLines() {
		Order order = this.orders.save(Order.place(uniqueEmail(), List.of(new OrderLine("BOOK-1", 2, BigDecimal.TEN))));
		flushAndClear();

		Order read = this.orders.findForUpdateById(order.getId()).orElseThrow();

		assertThat(read.getLines()).containsExactlyElementsOf(order.getLines());
		assertThat(this.orders.findForUpdateById(UUID.randomUUID())).isEmpty();
	}

	@Test
	void aCustomersOrdersComePagedNewestFirst() {
		String email = uniqueEmail();
		List<UUID> placed = placeOrders(email, 3);
		placeOrders(uniqueEmail(), 1);
		flushAndClear();

		Page<Order> first = this.orders.findByCustomerEmail(email, PageRequest.of(0, 2, NEWEST_FIRST));
		Page<Order> second = this.orders.findByCustomerEmail(email, PageRequest.of(1, 2, NEWEST_FIRST));

		assertThat(first.getTotalElements()).isEqualTo(3);
		assertThat(first.getTotalPages()).isEqualTo(2);
		assertThat(first.getContent()).extracting(Order::getId).containsExactly(placed.get(2), placed.get(1));
		assertThat(second.getContent()).extracting(Order::getId).containsExactly(placed.get(0));
		assertThat(first.getContent()).allSatisfy((order) -> assertThat(order.getLines()).hasSize(1));
	}

	@Test
	void aChangedOrderKeepsItsStateAndReason() {
		Order order = this.orders.save(Order.place(uniqueEmail(), List.of(new OrderLine("BOOK-1", 1, BigDecimal.ONE))));
		order.reject(Order.INSUFFICIENT_STOCK);
		this.orders.save(order);
		flushAndClear();

		Order read = this.orders.findById(order.getId()).orElseThrow();

		assertThat(read.getStatus()).isEqualTo(OrderStatus.REJECTED);
		assertThat(read.getRejectionReason()).isEqualTo("INSUFFICIENT_STOCK");
		assertThat(read.getUpdatedAt()).isAfterOrEqualTo(read.getCreatedAt());
	}

	@Test
	void anIdempotencyKeyIsTakenOnlyOnce() {
		Order first = this.orders.save(Order.place(uniqueEmail(), List.of(new OrderLine("BOOK-1", 1, BigDecimal.ONE))));
		Order second = this.orders
			.save(Order.place(uniqueEmail(), List.of(new OrderLine("BOOK-1", 1, BigDecimal.ONE))));
		String key = "key " + UUID.randomUUID();
		String fingerprint = "0123456789abcdef".repeat(4);

		assertThat(this.idempotentRequests.insertIfAbsent(key, fingerprint, first.getId())).isEqualTo(1);
		assertThat(this.idempotentRequests.insertIfAbsent(key, "f".repeat(64), second.getId())).isZero();
		flushAndClear();

		IdempotentRequest request = this.idempotentRequests.findById(key).orElseThrow();
		assertThat(request.getOrderId()).isEqualTo(first.getId());
		assertThat(request.matches(fingerprint)).isTrue();
		assertThat(request.matches("f".repeat(64))).isFalse();
		assertThat(request.getCreatedAt()).isNotNull();
	}

	@Test
	void theOverduePendingOrdersAreClaimedOldestFirstAtMostABatch() {
		// long before any order other tests store, so that only these are overdue
		Instant longAgo = Instant.parse("2000-01-01T00:00:00Z");
		UUID oldest = placedAt(longAgo).getId();
		UUID second = placedAt(longAgo.plusSeconds(1)).getId();
		placedAt(longAgo.plusSeconds(2));
		Order answered = placedAt(longAgo.minusSeconds(1));
		answered.confirm();
		this.orders.save(answered);
		UUID recent = placedAt(longAgo.plusSeconds(60)).getId();
		flushAndClear();

		List<Order> batch = this.orders.claimPendingPlacedBefore(longAgo.plusSeconds(30), 2);
		List<Order> all = this.orders.claimPendingPlacedBefore(longAgo.plusSeconds(30), 10);

		assertThat(batch).extracting(Order::getId).containsExactly(oldest, second);
		assertThat(all).hasSize(3).extracting(Order::getId).doesNotContain(answered.getId(), recent);
		assertThat(all).allSatisfy((order) -> {
			assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING);
			assertThat(order.getLines()).hasSize(1);
		});
	}

	@Test
	void theOldestPendingOrderTellsHowLongOrdersWait() {
		Instant longAgo = Instant.parse("2000-01-01T00:00:00Z");
		Order answered = placedAt(longAgo.minusSeconds(1));
		answered.reject(Order.INSUFFICIENT_STOCK);
		this.orders.save(answered);
		placedAt(longAgo.plusSeconds(1));
		placedAt(longAgo);
		flushAndClear();

		assertThat(this.orders.oldestPendingCreatedAt()).isEqualTo(longAgo);
	}

	private Order placedAt(Instant createdAt) {
		Order order = Order.place(uniqueEmail(), List.of(new OrderLine("BOOK-1", 1, BigDecimal.ONE)));
		ReflectionTestUtils.setField(order, "createdAt", createdAt);
		return this.orders.save(order);
	}

	private List<UUID> placeOrders(String email, int count) {
		// one millisecond apart, so that "newest first" is unambiguous without waiting
		return IntStream.range(0, count).mapToObj((i) -> {
			Order order = Order.place(email, List.of(new OrderLine("BOOK-" + i, 1, BigDecimal.ONE)));
			ReflectionTestUtils.setField(order, "createdAt", order.getCreatedAt().plusMillis(i));
			return this.orders.save(order).getId();
		}).toList();
	}

	private void flushAndClear() {
		this.entityManager.flush();
		this.entityManager.clear();
	}

	private static String uniqueEmail() {
		return "customer-" + UUID.randomUUID() + "@example.com";
	}

}
