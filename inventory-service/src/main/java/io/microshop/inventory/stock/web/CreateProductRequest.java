package io.microshop.inventory.stock.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/products}. The limits match the columns, so no valid
 * request can fail in the database.
 *
 * @param sku the product's unique id: letters, digits, {@code - _ .}, at most 64
 * characters
 * @param name what the product is called
 * @param price the unit price, positive with at most two decimals
 * @param quantity the initial available stock
 */
record CreateProductRequest(
		@Schema(description = "Letters, digits, - _ . (1 to 64)",
				example = "BOOK-1") @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String sku,
		@Schema(example = "The Pragmatic Programmer") @NotBlank @Size(max = 200) String name,
		@Schema(description = "Positive, at most two decimals",
				example = "19.99") @NotNull @Positive @Digits(integer = 10, fraction = 2) BigDecimal price,
		@Schema(description = "The stock available at first",
				example = "100") @NotNull @PositiveOrZero Integer quantity) {

}
