package io.microshop.discovery;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryFactory;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.config.BlockingLoadBalancerClientAutoConfiguration;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;

/**
 * Per-instance breakers for every load-balanced call of the application (the gateway's
 * routes, a service's HTTP clients): their outcomes recorded and counted, and the
 * instances that do not answer left out of every choice (ADR 0015).
 */
@AutoConfiguration(
		afterName = "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
		before = BlockingLoadBalancerClientAutoConfiguration.class)
@LoadBalancerClients(defaultConfiguration = InstanceSelection.class)
public class DiscoveryAutoConfiguration {

	@Bean
	InstanceBreakers instanceBreakers(CircuitBreakerRegistry registry) {
		return new InstanceBreakers(registry);
	}

	@Bean
	InstanceCallOutcomes instanceCallOutcomes(InstanceBreakers breakers, MeterRegistry meters) {
		return new InstanceCallOutcomes(breakers, meters);
	}

	@Bean
	@ConditionalOnClass(name = "org.springframework.retry.support.RetryTemplate")
	@ConditionalOnBooleanProperty(name = "spring.cloud.loadbalancer.retry.enabled", matchIfMissing = true)
	LoadBalancedRetryFactory retryBackoff(ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers) {
		return new RetryBackoff(loadBalancers);
	}

	@Bean
	BreakerTransitions breakerTransitions(CircuitBreakerRegistry registry, MeterRegistry meters) {
		return new BreakerTransitions(registry, meters);
	}

}
