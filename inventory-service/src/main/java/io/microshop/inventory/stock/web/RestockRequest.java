package io.microshop.inventory.stock.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The body of {@code POST /api/products/{sku}/restock}.
 *
 * @param quantity how many units arrived
 */
record RestockRequest(@NotNull @Positive Integer quantity) {

}
