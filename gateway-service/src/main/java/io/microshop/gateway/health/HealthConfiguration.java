package io.microshop.gateway.health;

import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds {@code routes} to the gateway's health.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	@Bean
	RoutableHealthIndicator routesHealthIndicator(RouteDefinitionLocator routes, ReactiveDiscoveryClient discovery) {
		return new RoutableHealthIndicator(routes, discovery);
	}

}
