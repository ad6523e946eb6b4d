package io.microshop.e2e;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalogue's HTTP caching through the gateway, as a browser or a caching proxy uses
 * it: revalidation with {@code If-None-Match}, and an ETag that an order's reservation
 * changes.
 */
@ExtendWith(RunningSystemExtension.class)
class HttpCachingTests {

	private static Gateway gateway;

	private static Gateway anonymous;

	private static Shop shop;

	@BeforeAll
	static void connect(RunningSystem system, Gateway systemGateway) {
		gateway = systemGateway;
		anonymous = system.anonymousGateway();
		shop = new Shop(systemGateway);
	}

	@Test
	void aProductIsRevalidatedUntilAnOrderChangesItsStock() {
		String sku = shop.createProduct(10);
		String path = "/api/products/" + sku;

		Gateway.Response read = anonymous.get(path);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.etag()).isEqualTo("\"0\"");
		assertThat(read.cacheControl()).as("clients must revalidate").isEqualTo("no-cache");

		Gateway.Response unchanged = anonymous.getIfNoneMatch(path, read.etag());
		assertThat(unchanged.status()).isEqualTo(304);
		assertThat(unchanged.body().isMissingNode()).as("no body").isTrue();
		assertThat(unchanged.etag()).isEqualTo(read.etag());

		String email = Shop.uniqueEmail();
		assertThat(gateway.post("/api/orders", Shop.orderBody(email, Shop.line(sku, 3))).status()).isEqualTo(201);
		shop.awaitAllDecided(email, 1, Duration.ofSeconds(30));
		Gateway.Response changed = anonymous.getIfNoneMatch(path, read.etag());
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.etag()).isNotEqualTo(read.etag());
		assertThat(changed.body().get("reserved").asInt()).isEqualTo(3);
	}

	@Test
	void aPageOfTheCatalogueHasAWeakETag() {
		shop.createProduct(1);
		Gateway.Response page = anonymous.get("/api/products?size=5");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.etag()).startsWith("W/\"");
		assertThat(page.cacheControl()).isEqualTo("no-cache");
		// other tests' orders may change a product of the page meanwhile: an unchanged
		// page is a 304
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String etag = anonymous.get("/api/products?size=5").etag();
			assertThat(anonymous.getIfNoneMatch("/api/products?size=5", etag).status()).isEqualTo(304);
		});
	}

}
