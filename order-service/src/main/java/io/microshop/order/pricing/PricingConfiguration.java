package io.microshop.order.pricing;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Registers the inventory-service client as the HTTP service group
 * {@value #INVENTORY_SERVICE}. Its timeouts come from
 * {@code spring.http.serviceclient.inventory-service.*}; with no {@code base-url} there
 * (or an {@code lb://} one), Spring Cloud LoadBalancer sends each call to an instance of
 * inventory-service found through the service registry, and Spring Cloud CircuitBreaker
 * puts the group's client behind the circuit breaker {@value #INVENTORY_SERVICE}
 * (Resilience4j; its settings in {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = PricingConfiguration.INVENTORY_SERVICE, types = InventoryClient.class)
class PricingConfiguration {

	static final String INVENTORY_SERVICE = "inventory-service";

}
