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

	@GetMapping("/{sku}")
	ProductResponse product(@PathVariable String sku) {
		return ProductResponse.of(this.stock.product(sku));
	}

	@GetMapping
	PageResponse<ProductResponse> products(@Valid PageParameters pageParameters) {
		return PageResponse.of(this.stock.products(pageParameters.toPageable(BY_SKU)).map(ProductResponse::of));
	}

	@PostMapping("/{sku}/restock")
	ProductResponse restock(@PathVariable String sku, @Valid @RequestBody RestockRequest request) {
		return ProductResponse.of(this.stock.restock(sku, request.quantity()));
	}

}
