package io.microshop.inventory.stock;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import io.microshop.testsupport.ImportTestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;

import static org.assertj.core.api.Assertions.assertThat;

@DataJpaTest
@ImportTestInfrastructure
@AutoConfigureTestDatabase(replace = Replace.NONE)
class ReservationsTests {

	@Autowired
	private Reservations reservations;

	@Autowired
	private Products products;

	@Autowired
	private TestEntityManager entityManager;

	@Test
	void storesAReservationWithTheLinesItHolds() {
		String a = newProduct();
		String b = newProduct();
		UUID orderId = UUID.randomUUID();
		List<ReservationLine> lines = List.of(new ReservationLine(a, 2), new ReservationLine(b, 1));

		this.reservations.saveAndFlush(Reservation.reserved(orderId, lines));
		this.entityManager.clear();

		Reservation reservation = this.reservations.findById(orderId).orElseThrow();
		assertThat(reservation.getStatus()).isEqualTo(ReservationStatus.RESERVED);
		assertThat(reservation.getLines()).containsExactlyInAnyOrderElementsOf(lines);
	}

	@Test
	void releasesAReservationOnlyOnce() {
		UUID orderId = UUID.randomUUID();
		this.reservations.saveAndFlush(Reservation.reserved(orderId, List.of(new ReservationLine(newProduct(), 2))));
		this.entityManager.clear();
		Reservation reservation = this.reservations.findById(orderId).orElseThrow();

		assertThat(reservation.release()).hasSize(1);
		assertThat(reservation.release()).isEmpty();
		this.entityManager.flush();
		this.entityManager.clear();

		assertThat(this.reservations.findById(orderId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.RELEASED);
	}

	@Test
	void aReleaseBeforePlacementHoldsNothing() {
		Reservation reservation = Reservation.releasedBeforePlacement(UUID.randomUUID());

		assertThat(reservation.getStatus()).isEqualTo(ReservationStatus.RELEASED);
		assertThat(reservation.release()).isEmpty();
	}

	private String newProduct() {
		String sku = "SKU-" + UUID.randomUUID();
		this.products.saveAndFlush(Product.create(sku, "Widget", BigDecimal.TEN, 10));
		return sku;
	}

}
