package io.microshop.inventory.stock.web;

import java.net.URI;

import io.microshop.inventory.stock.Product;
import io.microshop.inventory.stock.StockManagement;
import io.microshop.web.PageParameters;
import io.microshop.web.PageResponse;
import jakarta.validation.Valid;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The products API: the catalogue and restocking. Reservations happen through order
 * events only.
 */
@RestController
@RequestMapping("/api/products")
class ProductController {

	private static final Sort BY_SKU = Sort.by("sku");

	private final StockManagement stock;

	ProductController(StockManagement stock) {
		this.stock = stock;
	}

	@PostMapping
	ResponseEntity<ProductResponse> create(@Valid @RequestBody CreateProductRequest request) {
		Product product = this.stock.createProduct(request.sku(), request.name(), request.price(), request.quantity());
		URI location = UriComponentsBuilder.fromPath("/api/products/{sku}").buildAndExpand(product.getSku()).toUri();
		return ResponseEntity.created(location).body(ProductResponse.of(product));
	}

	/**
	 * A product, with its version as a strong ETag: a request whose {@code If-None-Match}
	 * names the current version is answered {@code 304 Not Modified} without a body
	 * (Spring MVC compares them), so a client revalidates instead of reading it again.
	 */
	@GetMapping("/{sku}")
	ResponseEntity<ProductResponse> product(@PathVariable String sku) {
		Product product = this.stock.product(sku);
		return ResponseEntity.ok()
			.eTag(Long.toString(product.getVersion()))
			.cacheControl(ProductCaching.REVALIDATE)
			.body(ProductResponse.of(product));
	}

	/**
	 * A page of the catalogue; its weak ETag, and the 304 for a page that has not
	 * changed, come from {@link ProductCaching}.
	 */
	@GetMapping
	ResponseEntity<PageResponse<ProductResponse>> products(@Valid PageParameters pageParameters) {
		return ResponseEntity.ok()
			.cacheControl(ProductCaching.REVALIDATE)
			.body(PageResponse.of(this.stock.products(pageParameters.toPageable(BY_SKU)).map(ProductResponse::of)));
	}

	@PostMapping("/{sku}/restock")
	ProductResponse restock(@PathVariable String sku, @Valid @RequestBody RestockRequest request) {
		return ProductResponse.of(this.stock.restock(sku, request.quantity()));
	}

}
