package io.microshop.discovery;

import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The instance list of every load-balanced service ({@code @LoadBalancerClients}' default
 * configuration, applied in each service's own LoadBalancer context): the registry's
 * instances, cached as Spring Cloud LoadBalancer's default does, then those whose breaker
 * lets calls through. Spring Cloud's own configuration still wraps it to avoid the
 * previous instance on a retry. Not a {@code @Configuration}, so that no component scan
 * ever puts it in the application's own context.
 */
class InstanceSelection {

	@Bean
	ServiceInstanceListSupplier answeringInstances(ConfigurableApplicationContext context, InstanceBreakers breakers) {
		ServiceInstanceListSupplierBuilder registry = ServiceInstanceListSupplier.builder();
		// the same discovery client Spring Cloud's default would use: reactive where
		// there is one
		registry = (context.getBeanProvider(ReactiveDiscoveryClient.class).getIfAvailable() != null)
				? registry.withDiscoveryClient() : registry.withBlockingDiscoveryClient();
		return new AnsweringInstances(registry.withCaching().build(context), breakers);
	}

}
