package io.microshop.inventory.stock.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.microshop.inventory.InventoryServiceIntegrationTest;
import io.microshop.inventory.stock.StockManagement;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalogue's HTTP caching over real HTTP, on real PostgreSQL: ETags that change with
 * the stock, and 304s without a body while they do not.
 */
@InventoryServiceIntegrationTest
class ProductCachingTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private StockManagement stock;

	@Test
	void aProductsVersionIsItsETagAndAnUnchangedProductIsNotSentAgain() throws Exception {
		String sku = newProduct();

		HttpResponse<String> first = get("/api/products/" + sku, null);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("ETag")).hasValue("\"0\"");
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");

		HttpResponse<String> again = get("/api/products/" + sku, "\"0\"");
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(again.headers().firstValue("ETag")).hasValue("\"0\"");

		this.stock.restock(sku, 5);
		HttpResponse<String> changed = get("/api/products/" + sku, "\"0\"");
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.headers().firstValue("ETag")).hasValue("\"1\"");
		assertThat(changed.body()).contains("\"available\":15");
	}

	@Test
	void aPageOfTheCatalogueHasAWeakETagThatChangesWithAnyOfItsProducts() throws Exception {
		String sku = newProduct();
		String page = pageOf(sku);

		HttpResponse<String> first = get(page, null);
		String etag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(etag).startsWith("W/\"");
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
		// other tests' events may still change a product of the page: asked again while
		// it
		// does not change, the page is a 304
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String current = get(page, null).headers().firstValue("ETag").orElseThrow();
			HttpResponse<String> again = get(page, current);
			assertThat(again.statusCode()).isEqualTo(304);
			assertThat(again.body()).isEmpty();
		});

		String before = get(page, null).headers().firstValue("ETag").orElseThrow();
		this.stock.restock(sku, 1);
		HttpResponse<String> changed = get(page, before);
		assertThat(changed.statusCode()).as("the page after a restock of %s", sku).isEqualTo(200);
		assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(before);
	}

	/** The catalogue page, of 100 products, that holds the product. */
	private String pageOf(String sku) throws IOException, InterruptedException {
		for (int page = 0; page < 100; page++) {
			String path = "/api/products?size=100&page=" + page;
			String body = get(path, null).body();
			if (body.contains("\"" + sku + "\"")) {
				return path;
			}
		}
		throw new IllegalStateException(sku + " is on no page");
	}

	private String newProduct() {
		String sku = "CACHE-" + UUID.randomUUID().toString().substring(0, 8);
		this.stock.createProduct(sku, "Cached", new BigDecimal("2.00"), 10);
		return sku;
	}

	private HttpResponse<String> get(String path, String ifNoneMatch) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
