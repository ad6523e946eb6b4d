package io.microshop.inventory.stock.web;

import java.math.BigDecimal;
import java.util.List;

import io.microshop.inventory.security.SecurityConfiguration;
import io.microshop.inventory.stock.Product;
import io.microshop.inventory.stock.ProductNotFoundException;
import io.microshop.inventory.stock.SkuAlreadyExistsException;
import io.microshop.inventory.stock.StockLimitExceededException;
import io.microshop.inventory.stock.StockManagement;
import io.microshop.testidentity.ImportTestIdentity;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The controller with the service's real security in front (tokens of the test identity
 * provider, validated as in production): changes are made as the admin, reads
 * anonymously. Who may do what is {@code ProductsSecurityTests}'.
 */
@WebMvcTest(ProductController.class)
@Import(SecurityConfiguration.class)
@ImportTestIdentity
class ProductControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private StockManagement stock;

	@Test
	void createsAProductAndPointsToIt() {
		Product product = product("KB-1", "Keyboard", "49.90", 10, 0);
		given(this.stock.createProduct("KB-1", "Keyboard", new BigDecimal("49.90"), 10)).willReturn(product);

		MvcTestResult result = post("/api/products", """
				{"sku": "KB-1", "name": "Keyboard", "price": 49.90, "quantity": 10}""");

		assertThat(result).hasStatus(HttpStatus.CREATED).hasHeader("Location", "/api/products/KB-1");
		assertThat(result).bodyJson().isLenientlyEqualTo("""
				{"sku": "KB-1", "name": "Keyboard", "price": 49.90, "available": 10, "reserved": 0}""");
	}

	@Test
	void rejectsAnInvalidProductListingEveryInvalidField() {
		MvcTestResult result = post("/api/products", """
				{"sku": "no spaces allowed", "name": " ", "price": 0, "quantity": -1}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.contentType()
			.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("sku", "name", "price", "quantity");
		verifyNoInteractions(this.stock);
	}

	@Test
	void rejectsAPriceWithMoreThanTwoDecimals() {
		MvcTestResult result = post("/api/products", """
				{"sku": "KB-1", "name": "Keyboard", "price": 1.999, "quantity": 1}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("price");
	}

	@Test
	void rejectsASkuLongerThanSixtyFourCharacters() {
		MvcTestResult result = post("/api/products", """
				{"sku": "%s", "name": "Keyboard", "price": 1, "quantity": 1}""".formatted("a".repeat(65)));

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("sku");
	}

	@Test
	void acceptsEverySkuCharacterTheContractAllows() {
		Product product = product("aZ0-_.", "Odd", "1.00", 0, 0);
		given(this.stock.createProduct(any(), any(), any(), any(Integer.class))).willReturn(product);

		assertThat(post("/api/products", """
				{"sku": "aZ0-_.", "name": "Odd", "price": 1, "quantity": 0}""")).hasStatus(HttpStatus.CREATED);
	}

	@Test
	void answersConflictWhenTheSkuExists() {
		given(this.stock.createProduct(any(), any(), any(), any(Integer.class)))
			.willThrow(new SkuAlreadyExistsException("KB-1", null));

		MvcTestResult result = post("/api/products", """
				{"sku": "KB-1", "name": "Keyboard", "price": 49.90, "quantity": 10}""");

		assertThat(result).hasStatus(HttpStatus.CONFLICT);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:microshop:problem:sku-exists");
	}

	@Test
	void showsAProduct() {
		Product product = product("KB-1", "Keyboard", "49.90", 7, 3);
		given(this.stock.product("KB-1")).willReturn(product);

		assertThat(this.mvc.get().uri("/api/products/KB-1")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"sku": "KB-1", "name": "Keyboard", "price": 49.90, "available": 7, "reserved": 3}""");
	}

	@Test
	void answersNotFoundForAnUnknownSku() {
		given(this.stock.product("NOPE")).willThrow(new ProductNotFoundException("NOPE"));

		MvcTestResult result = this.mvc.get().uri("/api/products/NOPE").exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).contentType().isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:microshop:problem:product-not-found");
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(404);
	}

	@Test
	void listsProductsAPageAtATimeSortedBySku() {
		Pageable pageable = PageRequest.of(1, 2, Sort.by("sku"));
		Product product = product("C", "Cable", "2.50", 1, 0);
		given(this.stock.products(pageable)).willReturn(new PageImpl<>(List.of(product), pageable, 3));

		MvcTestResult result = this.mvc.get().uri("/api/products?page=1&size=2").exchange();

		assertThat(result).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"content": [{"sku": "C"}], "page": {"size": 2, "number": 1, "totalElements": 3, "totalPages": 2}}""");
	}

	@Test
	void rejectsAPageSizeAboveOneHundred() {
		assertThat(this.mvc.get().uri("/api/products?size=101")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("size");
	}

	@Test
	void rejectsANegativePage() {
		assertThat(this.mvc.get().uri("/api/products?page=-1")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void rejectsAPageThatIsNotANumber() {
		assertThat(this.mvc.get().uri("/api/products?page=first")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void restocksAProduct() {
		Product product = product("KB-1", "Keyboard", "49.90", 15, 0);
		given(this.stock.restock("KB-1", 5)).willReturn(product);

		assertThat(post("/api/products/KB-1/restock", """
				{"quantity": 5}""")).hasStatusOk().bodyJson().extractingPath("$.available").isEqualTo(15);
	}

	@Test
	void rejectsARestockOfNothing() {
		MvcTestResult result = post("/api/products/KB-1/restock", """
				{"quantity": 0}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("quantity");
		verifyNoInteractions(this.stock);
	}

	@Test
	void answersNotFoundWhenRestockingAnUnknownSku() {
		given(this.stock.restock("NOPE", 1)).willThrow(new ProductNotFoundException("NOPE"));

		assertThat(post("/api/products/NOPE/restock", """
				{"quantity": 1}""")).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void answersConflictWhenARestockWouldExceedTheStockLimit() {
		given(this.stock.restock("KB-1", 2_000_000_000)).willThrow(new StockLimitExceededException("KB-1"));

		MvcTestResult result = post("/api/products/KB-1/restock", """
				{"quantity": 2000000000}""");

		assertThat(result).hasStatus(HttpStatus.CONFLICT);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:microshop:problem:stock-limit-exceeded");
	}

	@Test
	void rejectsAFractionalQuantityInsteadOfTruncatingIt() {
		MvcTestResult created = post("/api/products", """
				{"sku": "KB-1", "name": "Keyboard", "price": 49.90, "quantity": 2.7}""");
		MvcTestResult restocked = post("/api/products/KB-1/restock", """
				{"quantity": 1.9}""");

		assertThat(created).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(created).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("quantity");
		assertThat(restocked).hasStatus(HttpStatus.BAD_REQUEST);
		verifyNoInteractions(this.stock);
	}

	@Test
	void rejectsAQuantityTooLargeToCount() {
		MvcTestResult result = post("/api/products/KB-1/restock", """
				{"quantity": 99999999999}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		verifyNoInteractions(this.stock);
	}

	private MvcTestResult post(String uri, String json) {
		return this.mvc.post()
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIdentityProvider.get().admin())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	private static Product product(String sku, String name, String price, int available, int reserved) {
		Product product = mock(Product.class);
		given(product.getSku()).willReturn(sku);
		given(product.getName()).willReturn(name);
		given(product.getPrice()).willReturn(new BigDecimal(price));
		given(product.getAvailable()).willReturn(available);
		given(product.getReserved()).willReturn(reserved);
		return product;
	}

}
