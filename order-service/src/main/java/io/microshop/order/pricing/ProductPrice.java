package io.microshop.order.pricing;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What pricing reads of an inventory product: a tolerant reader of the two fields it
 * needs.
 *
 * @param sku the product
 * @param price the current price of one unit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ProductPrice(String sku, BigDecimal price) {

}
