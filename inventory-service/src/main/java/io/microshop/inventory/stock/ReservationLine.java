package io.microshop.inventory.stock;

import jakarta.persistence.Embeddable;

/**
 * A quantity of one sku, as requested by an order and, once reserved, as held for it.
 */
@Embeddable
public record ReservationLine(String sku, int quantity) {

}
