package io.microshop.inventory.stock.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The body of {@code POST /api/products/{sku}/restock}.
 *
 * @param quantity how many units arrived
 */
record RestockRequest(
		@Schema(description = "How many units arrived", example = "10") @NotNull @Positive Integer quantity) {

}
