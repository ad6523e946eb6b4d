package io.microshop.inventory.stock;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The reservations, one per order inventory has heard of.
 */
public interface Reservations extends JpaRepository<Reservation, UUID> {

}
