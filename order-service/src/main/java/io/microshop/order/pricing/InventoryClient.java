package io.microshop.order.pricing;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The part of inventory-service's API that pricing needs. Its HTTP service group is named
 * after the service, so Spring Cloud LoadBalancer resolves
 * {@code http://inventory-service} through the service registry.
 */
@HttpExchange(url = "/api/products", accept = "application/json")
interface InventoryClient {

	@GetExchange("/{sku}")
	ProductPrice product(@PathVariable String sku);

}
