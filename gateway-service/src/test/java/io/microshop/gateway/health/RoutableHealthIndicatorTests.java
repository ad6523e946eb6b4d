package io.microshop.gateway.health;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.gateway.route.RouteDefinition;

import static org.assertj.core.api.Assertions.assertThat;

class RoutableHealthIndicatorTests {

	private final Registry registry = new Registry();

	private final RoutableHealthIndicator health = new RoutableHealthIndicator(
			() -> Flux.just(route("lb://inventory-service"), route("lb://order-service"),
					route("lb://inventory-service"), route("http://example.com")),
			this.registry);

	@Test
	void isOutOfServiceWhileARoutedServiceHasNoInstanceAndNamesIt() {
		this.registry.register("inventory-service");

		Health current = this.health.health().block();

		assertThat(current.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(current.getDetails()).containsEntry("noInstanceYet", List.of("order-service"));
	}

	@Test
	void isUpOnceEveryRoutedServiceHasAnInstance() {
		this.registry.register("inventory-service");
		this.registry.register("order-service");

		assertThat(this.health.health().block().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void staysUpWhenAServiceGoesAwayLater() {
		this.registry.register("inventory-service");
		this.registry.register("order-service");
		assertThat(this.health.health().block().getStatus()).isEqualTo(Status.UP);

		this.registry.deregister("order-service");

		assertThat(this.health.health().block().getStatus()).isEqualTo(Status.UP);
	}

	private static RouteDefinition route(String uri) {
		RouteDefinition route = new RouteDefinition();
		route.setUri(URI.create(uri));
		return route;
	}

	private static final class Registry implements ReactiveDiscoveryClient {

		private final Map<String, ServiceInstance> instances = new ConcurrentHashMap<>();

		void register(String service) {
			this.instances.put(service, new DefaultServiceInstance(service + "-1", service, "127.0.0.1", 8080, false));
		}

		void deregister(String service) {
			this.instances.remove(service);
		}

		@Override
		public String description() {
			return "test registry";
		}

		@Override
		public Flux<ServiceInstance> getInstances(String serviceId) {
			return Flux.fromStream(this.instances.values().stream().filter((i) -> i.getServiceId().equals(serviceId)));
		}

		@Override
		public Flux<String> getServices() {
			return Flux.fromIterable(this.instances.keySet());
		}

	}

}
