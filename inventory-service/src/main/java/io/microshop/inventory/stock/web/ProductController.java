package io.microshop.inventory.stock.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.microshop.web.ProblemResponse;
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
@OpenAPIDefinition(info = @Info(title = "Products and stock (inventory-service)", version = "2",
		description = "Anyone reads the catalogue; the admin creates and restocks products. available is what can "
				+ "still be ordered, reserved what orders that are not cancelled hold; stock is reserved by "
				+ "the order saga, never through this API."))
@Tag(name = "Products", description = "The catalogue and its stock")
class ProductController {

	// what the documents say of the two calls that name a product
	private static final String NO_SUCH_PRODUCT = "No product has this sku";

	private static final Sort BY_SKU = Sort.by("sku");

	private final StockManagement stock;

	ProductController(StockManagement stock) {
		this.stock = stock;
	}

	@PostMapping
	@Operation(summary = "Create a product (admin)")
	@ApiResponse(responseCode = "201", description = "The product; Location is its address")
	@ProblemResponse(status = HttpStatus.BAD_REQUEST, type = "invalid-request", title = "Invalid request",
			when = "A blank sku or name, a sku not of [A-Za-z0-9-_.]{1,64}, a price <= 0 or with more than two "
					+ "decimals, a quantity < 0, an unknown field")
	@ProblemResponse(status = HttpStatus.FORBIDDEN, type = "forbidden", title = "Forbidden",
			when = "The token is not the admin's")
	@ProblemResponse(status = HttpStatus.CONFLICT, type = "sku-exists", title = "SKU already exists",
			when = "A product with this sku exists")
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
	@Operation(summary = "Read a product",
			description = "Anyone, no token needed. The answer carries the "
					+ "product's version as a strong ETag; send it back in If-None-Match to revalidate.")
	@SecurityRequirements
	@Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_NONE_MATCH,
			description = "The ETag of the product last read", example = "\"3\"")
	@ApiResponse(responseCode = "200", description = "The product")
	@ApiResponse(responseCode = "304", description = "Not modified: If-None-Match names the current version",
			content = @Content)
	@ProblemResponse(status = HttpStatus.NOT_FOUND, type = "product-not-found", title = "Product not found",
			when = NO_SUCH_PRODUCT)
	ResponseEntity<ProductResponse> product(
			@Parameter(description = "The product's sku", example = "BOOK-1") @PathVariable String sku) {
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
	@Operation(summary = "List the catalogue, by sku",
			description = "Anyone, no token needed. The answer carries "
					+ "a weak ETag of the page; send it back in If-None-Match to revalidate.")
	@SecurityRequirements
	@Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_NONE_MATCH,
			description = "The ETag of the page last read")
	@ApiResponse(responseCode = "200", description = "A page of products")
	@ApiResponse(responseCode = "304", description = "Not modified: If-None-Match names the page as it is",
			content = @Content)
	@ProblemResponse(status = HttpStatus.BAD_REQUEST, type = "invalid-request", title = "Invalid request",
			when = "A bad page or size")
	ResponseEntity<PageResponse<ProductResponse>> products(@Valid PageParameters pageParameters) {
		return ResponseEntity.ok()
			.cacheControl(ProductCaching.REVALIDATE)
			.body(PageResponse.of(this.stock.products(pageParameters.toPageable(BY_SKU)).map(ProductResponse::of)));
	}

	@PostMapping("/{sku}/restock")
	@Operation(summary = "Restock a product (admin)", description = "Raises available by the quantity that arrived.")
	@ApiResponse(responseCode = "200", description = "The product, available raised")
	@ProblemResponse(status = HttpStatus.BAD_REQUEST, type = "invalid-request", title = "Invalid request",
			when = "A quantity <= 0, an unknown field")
	@ProblemResponse(status = HttpStatus.FORBIDDEN, type = "forbidden", title = "Forbidden",
			when = "The token is not the admin's")
	@ProblemResponse(status = HttpStatus.NOT_FOUND, type = "product-not-found", title = "Product not found",
			when = NO_SUCH_PRODUCT)
	@ProblemResponse(status = HttpStatus.CONFLICT, type = "stock-limit-exceeded", title = "Stock limit exceeded",
			when = "The stock would pass the most a product can hold (2,147,483,647 units)")
	ProductResponse restock(@Parameter(description = "The product's sku", example = "BOOK-1") @PathVariable String sku,
			@Valid @RequestBody RestockRequest request) {
		return ProductResponse.of(this.stock.restock(sku, request.quantity()));
	}

}
