package io.microshop.order.ordering;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OrderTests {

	private static final List<OrderLine> LINES = List.of(new OrderLine("BOOK-1", 2, new BigDecimal("19.99")),
			new OrderLine("PEN-1", 3, new BigDecimal("1.5")));

	@Test
	void aPlacedOrderIsPendingTotalsItsLinesAndAnnouncesItself() {
		Order order = Order.place("ada@example.com", LINES);

		assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING);
		assertThat(order.getTotal()).isEqualByComparingTo("44.48").hasScaleOf(2);
		assertThat(order.getCreatedAt()).isEqualTo(order.getUpdatedAt());
		assertThat(eventsOf(order)).singleElement().isInstanceOfSatisfying(OrderPlaced.class, (placed) -> {
			assertThat(placed.orderId()).isEqualTo(order.getId());
			assertThat(placed.customerEmail()).isEqualTo("ada@example.com");
			assertThat(placed.lines()).isEqualTo(LINES);
			assertThat(placed.total()).isEqualTo(order.getTotal());
			assertThat(placed.occurredAt()).isEqualTo(order.getCreatedAt());
		});
	}

	@Test
	void anOrderNamesEachSkuAtMostOnce() {
		List<OrderLine> lines = List.of(new OrderLine("BOOK-1", 1, BigDecimal.ONE),
				new OrderLine("BOOK-1", 2, BigDecimal.ONE));

		assertThatIllegalArgumentException().isThrownBy(() -> Order.place("ada@example.com", lines));
	}

	@Test
	void anOrderNeedsALine() {
		assertThatIllegalArgumentException().isThrownBy(() -> Order.place("ada@example.com", List.of()));
	}

	@Test
	void aPendingOrderIsConfirmedOnce() {
		Order order = placed();

		assertThat(order.confirm()).isTrue();
		assertThat(order.confirm()).isFalse();

		assertThat(order.getStatus()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(eventsOf(order)).singleElement().isInstanceOf(OrderConfirmed.class);
	}

	@Test
	void aPendingOrderIsRejectedWithAReason() {
		Order order = placed();

		assertThat(order.reject(Order.INSUFFICIENT_STOCK)).isTrue();

		assertThat(order.getStatus()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order.getRejectionReason()).isEqualTo("INSUFFICIENT_STOCK");
		assertThat(eventsOf(order)).singleElement()
			.isInstanceOfSatisfying(OrderRejected.class,
					(rejected) -> assertThat(rejected.reason()).isEqualTo("INSUFFICIENT_STOCK"));
	}

	@Test
	void aConfirmedOrderCanBeCancelled() {
		Order order = placed();
		order.confirm();
		clearEvents(order);

		order.cancel();

		assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(eventsOf(order)).singleElement().isInstanceOf(OrderCancelled.class);
	}

	@Test
	void cancellingACancelledOrderChangesNothingAndAnnouncesNothing() {
		Order order = placed();
		order.cancel();
		clearEvents(order);

		order.cancel();

		assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(eventsOf(order)).isEmpty();
	}

	@Test
	void aRejectedOrderCannotBeCancelled() {
		Order order = placed();
		order.reject(Order.INSUFFICIENT_STOCK);

		assertThatExceptionOfType(OrderNotCancellableException.class).isThrownBy(order::cancel);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.REJECTED);
	}

	@Test
	void aLateStockAnswerForACancelledOrderChangesNothing() {
		Order order = placed();
		order.cancel();
		clearEvents(order);

		assertThat(order.confirm()).isFalse();
		assertThat(order.reject(Order.INSUFFICIENT_STOCK)).isFalse();

		assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(order.getRejectionReason()).isNull();
		assertThat(eventsOf(order)).isEmpty();
	}

	@Test
	void aPendingOrderThatTimesOutIsRejectedAndAnnouncedAsTimedOut() {
		Order order = placed();

		assertThat(order.timeOut()).isTrue();

		assertThat(order.getStatus()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order.getRejectionReason()).isEqualTo("RESERVATION_TIMED_OUT");
		assertThat(eventsOf(order)).singleElement().isInstanceOfSatisfying(OrderRejected.class, (rejected) -> {
			assertThat(rejected.orderId()).isEqualTo(order.getId());
			assertThat(rejected.reason()).isEqualTo("RESERVATION_TIMED_OUT");
			assertThat(rejected.occurredAt()).isEqualTo(order.getUpdatedAt());
		});
	}

	@Test
	void aLateStockAnswerForATimedOutOrderChangesNothing() {
		Order order = placed();
		order.timeOut();
		clearEvents(order);

		assertThat(order.confirm()).isFalse();
		assertThat(order.reject(Order.INSUFFICIENT_STOCK)).isFalse();

		assertThat(order.getStatus()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order.getRejectionReason()).isEqualTo("RESERVATION_TIMED_OUT");
		assertThat(eventsOf(order)).isEmpty();
	}

	@Test
	void aSecondStockAnswerForAConfirmedOrderChangesNothing() {
		Order order = placed();
		order.confirm();
		clearEvents(order);

		assertThat(order.reject(Order.INSUFFICIENT_STOCK)).isFalse();
		assertThat(order.confirm()).isFalse();

		assertThat(order.getStatus()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(order.getRejectionReason()).isNull();
		assertThat(eventsOf(order)).isEmpty();
	}

	@Test
	void aSecondStockAnswerForARejectedOrderChangesNothing() {
		Order order = placed();
		order.reject(Order.INSUFFICIENT_STOCK);
		clearEvents(order);

		assertThat(order.confirm()).isFalse();
		assertThat(order.reject("SOMETHING_ELSE")).isFalse();

		assertThat(order.getStatus()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order.getRejectionReason()).isEqualTo("INSUFFICIENT_STOCK");
		assertThat(eventsOf(order)).isEmpty();
	}

	@Test
	void onlyAPendingOrderTimesOut() {
		Order confirmed = placed();
		confirmed.confirm();
		Order cancelled = placed();
		cancelled.cancel();
		clearEvents(confirmed);
		clearEvents(cancelled);

		assertThat(confirmed.timeOut()).isFalse();
		assertThat(cancelled.timeOut()).isFalse();

		assertThat(confirmed.getStatus()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(cancelled.getStatus()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(eventsOf(confirmed)).isEmpty();
		assertThat(eventsOf(cancelled)).isEmpty();
	}

	private static Order placed() {
		Order order = Order.place("ada@example.com", LINES);
		clearEvents(order);
		return order;
	}

	// The registered events are for Spring Data to publish, so the aggregate does not
	// expose them
	private static Collection<Object> eventsOf(Order order) {
		return ReflectionTestUtils.invokeMethod(order, "domainEvents");
	}

	private static void clearEvents(Order order) {
		ReflectionTestUtils.invokeMethod(order, "clearDomainEvents");
	}

}
