package io.microshop.discovery;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The instances of a service a load balancer may choose from: those of its delegate (the
 * registry's, cached) whose {@link InstanceBreakers breaker} lets calls through. It is
 * applied to every choice, outside the cache, so an instance leaves the choice at the
 * call that opens its breaker, not at the next refresh of the cache.
 */
class AnsweringInstances extends DelegatingServiceInstanceListSupplier {

	private final InstanceBreakers breakers;

	AnsweringInstances(ServiceInstanceListSupplier delegate, InstanceBreakers breakers) {
		super(delegate);
		this.breakers = breakers;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return getDelegate().get().map(this.breakers::answering);
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		return getDelegate().get(request).map(this.breakers::answering);
	}

}
