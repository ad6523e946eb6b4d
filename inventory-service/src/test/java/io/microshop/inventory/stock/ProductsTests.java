package io.microshop.inventory.stock;

import java.math.BigDecimal;
import java.util.UUID;

import io.microshop.testsupport.ImportTestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataJpaTest
@ImportTestInfrastructure
@AutoConfigureTestDatabase(replace = Replace.NONE)
class ProductsTests {

	@Autowired
	private Products products;

	@Autowired
	private TestEntityManager entityManager;

	@Test
	void storesAProductWithItsPriceToTheCent() {
		String sku = newProduct(5);

		Product product = reloaded(sku);

		assertThat(product.getPrice()).isEqualByComparingTo("19.90");
		assertThat(product.getPrice().scale()).isEqualTo(2);
		assertThat(product.getAvailable()).isEqualTo(5);
		assertThat(product.getReserved()).isZero();
	}

	@Test
	void refusesASecondProductWithTheSameSku() {
		String sku = newProduct(5);
		this.entityManager.clear();

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.products.saveAndFlush(Product.create(sku, "Copy", BigDecimal.ONE, 1)));
	}

	@Test
	void reservesStockWhenEnoughIsAvailable() {
		String sku = newProduct(5);

		assertThat(this.products.reserve(sku, 5)).isOne();

		assertThat(reloaded(sku)).extracting(Product::getAvailable, Product::getReserved).containsExactly(0, 5);
	}

	@Test
	void reservesNothingWhenStockIsShort() {
		String sku = newProduct(5);

		assertThat(this.products.reserve(sku, 6)).isZero();

		assertThat(reloaded(sku)).extracting(Product::getAvailable, Product::getReserved).containsExactly(5, 0);
	}

	@Test
	void reservesNothingForAnUnknownSku() {
		assertThat(this.products.reserve("UNKNOWN-" + UUID.randomUUID(), 1)).isZero();
	}

	@Test
	void releasesReservedStock() {
		String sku = newProduct(5);
		this.products.reserve(sku, 4);

		assertThat(this.products.release(sku, 3)).isOne();

		assertThat(reloaded(sku)).extracting(Product::getAvailable, Product::getReserved).containsExactly(4, 1);
	}

	@Test
	void neverReleasesMoreThanIsReserved() {
		String sku = newProduct(5);
		this.products.reserve(sku, 2);

		assertThat(this.products.release(sku, 3)).isZero();

		assertThat(reloaded(sku)).extracting(Product::getAvailable, Product::getReserved).containsExactly(3, 2);
	}

	@Test
	void restocksAvailableStock() {
		String sku = newProduct(5);
		this.products.reserve(sku, 2);

		assertThat(this.products.restock(sku, 10)).isOne();

		assertThat(reloaded(sku)).extracting(Product::getAvailable, Product::getReserved).containsExactly(13, 2);
	}

	@Test
	void restocksUpToButNotBeyondTheLargestCountableStock() {
		String sku = newProduct(Integer.MAX_VALUE - 20);
		this.products.reserve(sku, 10);

		assertThat(this.products.restock(sku, 21)).isZero();
		assertThat(this.products.restock(sku, 20)).isOne();

		assertThat(reloaded(sku)).extracting(Product::getAvailable, Product::getReserved)
			.containsExactly(Integer.MAX_VALUE - 10, 10);
	}

	@Test
	void restocksNothingForAnUnknownSku() {
		assertThat(this.products.restock("UNKNOWN-" + UUID.randomUUID(), 1)).isZero();
	}

	@Test
	void pagesProductsBySku() {
		// other tests commit products named "SKU-...", which sort after this prefix
		String prefix = "0-PAGE-" + UUID.randomUUID() + "-";
		for (String suffix : new String[] { "c", "a", "b" }) {
			this.products.save(Product.create(prefix + suffix, "Paged", BigDecimal.ONE, 1));
		}
		this.entityManager.flush();

		var page = this.products.findAll(PageRequest.of(0, 100, Sort.by("sku")));

		assertThat(page.getContent()).extracting(Product::getSku).isSorted();
		assertThat(page.getContent()).extracting(Product::getSku)
			.filteredOn((sku) -> sku.startsWith(prefix))
			.containsExactly(prefix + "a", prefix + "b", prefix + "c");
	}

	private String newProduct(int quantity) {
		String sku = "SKU-" + UUID.randomUUID();
		this.products.saveAndFlush(Product.create(sku, "Widget", new BigDecimal("19.9"), quantity));
		return sku;
	}

	private Product reloaded(String sku) {
		// the stock UPDATEs bypass the persistence context, so read the row afresh
		this.entityManager.clear();
		return this.products.findById(sku).orElseThrow();
	}

}
