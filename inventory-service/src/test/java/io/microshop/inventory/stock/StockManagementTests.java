package io.microshop.inventory.stock;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.microshop.inventory.InventoryServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

@InventoryServiceIntegrationTest
@RecordApplicationEvents
class StockManagementTests {

	@Autowired
	private StockManagement stock;

	@Autowired
	private Reservations reservations;

	@Autowired
	private ApplicationEvents events;

	@Test
	void letsOnlyOneOfTwoConcurrentCreatesOfASkuSucceed() throws Exception {
		String sku = "SKU-" + UUID.randomUUID();

		List<Object> outcomes = concurrently(2, () -> this.stock.createProduct(sku, "Widget", BigDecimal.TEN, 1));

		assertThat(outcomes).filteredOn(Product.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(SkuAlreadyExistsException.class::isInstance).hasSize(1);
	}

	@Test
	void neverOversellsUnderConcurrentOrders() throws Exception {
		String sku = newProduct(10);

		concurrently(25, () -> {
			this.stock.reserve(UUID.randomUUID(), UUID.randomUUID(), List.of(new ReservationLine(sku, 1)));
			return null;
		});

		assertThat(this.stock.product(sku)).extracting(Product::getAvailable, Product::getReserved)
			.containsExactly(0, 10);
	}

	@Test
	void reservesOverlappingOrdersWithoutDeadlocks() throws Exception {
		String a = newProduct(100);
		String b = newProduct(100);

		List<Object> outcomes = concurrently(20, () -> {
			List<ReservationLine> lines = List.of(new ReservationLine(b, 1), new ReservationLine(a, 1));
			this.stock.reserve(UUID.randomUUID(), UUID.randomUUID(), lines);
			return "done";
		});

		assertThat(outcomes).containsOnly("done");
		assertThat(this.stock.product(a).getReserved()).isEqualTo(20);
		assertThat(this.stock.product(b).getReserved()).isEqualTo(20);
	}

	@Test
	void reservesEveryLineAndAnnouncesIt() {
		String sku = newProduct(5);
		UUID orderId = UUID.randomUUID();

		this.stock.reserve(UUID.randomUUID(), orderId, List.of(new ReservationLine(sku, 2)));

		assertThat(this.stock.product(sku)).extracting(Product::getAvailable, Product::getReserved)
			.containsExactly(3, 2);
		assertThat(this.reservations.findById(orderId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.RESERVED);
		assertThat(this.events.stream(StockReserved.class)).extracting(StockReserved::orderId).containsExactly(orderId);
	}

	@Test
	void reservesNothingWhenAnyLineIsShortAndNamesTheShortSkus() {
		String plenty = newProduct(5);
		String scarce = newProduct(1);
		String unknown = "UNKNOWN-" + UUID.randomUUID();
		UUID orderId = UUID.randomUUID();

		this.stock.reserve(UUID.randomUUID(), orderId, List.of(new ReservationLine(plenty, 2),
				new ReservationLine(scarce, 2), new ReservationLine(unknown, 1)));

		assertThat(this.stock.product(plenty)).extracting(Product::getAvailable, Product::getReserved)
			.containsExactly(5, 0);
		assertThat(this.stock.product(scarce).getAvailable()).isEqualTo(1);
		assertThat(this.reservations.findById(orderId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.REJECTED);
		assertThat(this.events.stream(StockRejected.class)).singleElement().satisfies((rejected) -> {
			assertThat(rejected.reason()).isEqualTo("INSUFFICIENT_STOCK");
			assertThat(rejected.skus()).containsExactly(scarce, unknown);
		});
	}

	@Test
	void ignoresARedeliveredEvent() {
		String sku = newProduct(5);
		UUID eventId = UUID.randomUUID();
		UUID orderId = UUID.randomUUID();

		this.stock.reserve(eventId, orderId, List.of(new ReservationLine(sku, 2)));
		this.stock.reserve(eventId, orderId, List.of(new ReservationLine(sku, 2)));

		assertThat(this.stock.product(sku).getReserved()).isEqualTo(2);
		assertThat(this.events.stream(StockReserved.class)).hasSize(1);
	}

	@Test
	void releasesExactlyWhatAnOrderHoldsOnce() {
		String sku = newProduct(5);
		UUID orderId = UUID.randomUUID();
		this.stock.reserve(UUID.randomUUID(), orderId, List.of(new ReservationLine(sku, 2)));

		this.stock.release(UUID.randomUUID(), orderId);
		this.stock.release(UUID.randomUUID(), orderId);

		assertThat(this.stock.product(sku)).extracting(Product::getAvailable, Product::getReserved)
			.containsExactly(5, 0);
		assertThat(this.reservations.findById(orderId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.RELEASED);
	}

	@Test
	void reservesNothingForAnOrderCancelledBeforeItWasPlaced() {
		String sku = newProduct(5);
		UUID orderId = UUID.randomUUID();

		this.stock.release(UUID.randomUUID(), orderId);
		this.stock.reserve(UUID.randomUUID(), orderId, List.of(new ReservationLine(sku, 2)));

		assertThat(this.stock.product(sku).getAvailable()).isEqualTo(5);
		assertThat(this.events.stream(StockReserved.class)).isEmpty();
		assertThat(this.events.stream(StockRejected.class)).isEmpty();
	}

	@Test
	void restocksAProduct() {
		String sku = newProduct(5);

		assertThat(this.stock.restock(sku, 3).getAvailable()).isEqualTo(8);
	}

	private String newProduct(int quantity) {
		String sku = "SKU-" + UUID.randomUUID();
		this.stock.createProduct(sku, "Widget", new BigDecimal("9.99"), quantity);
		return sku;
	}

	/**
	 * Runs the task on as many threads at once, returning each result or the exception it
	 * threw.
	 */
	private static List<Object> concurrently(int threads, Callable<?> task) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
			List<Future<Object>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					try {
						return task.call();
					}
					catch (RuntimeException ex) {
						return ex;
					}
				}));
			}
			start.countDown();
			List<Object> outcomes = new ArrayList<>();
			for (Future<Object> future : futures) {
				outcomes.add(future.get());
			}
			return outcomes;
		}
	}

}
