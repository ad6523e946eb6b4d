package io.microshop.gateway.health;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;

/**
 * The gateway is healthy once it can route: {@code OUT_OF_SERVICE} (HTTP 503) until every
 * service one of its {@code lb://} routes leads to has been seen with a registered
 * instance, {@code UP} from then on. So "healthy" means what the API contract says, and
 * compose's {@code depends_on} and the local stack can rely on it; a service that goes
 * away later makes its own routes answer 503, but does not take the whole gateway out.
 */
class RoutableHealthIndicator implements ReactiveHealthIndicator {

	private final RouteDefinitionLocator routes;

	private final ReactiveDiscoveryClient discovery;

	private volatile boolean routable;

	RoutableHealthIndicator(RouteDefinitionLocator routes, ReactiveDiscoveryClient discovery) {
		this.routes = routes;
		this.discovery = discovery;
	}

	@Override
	public Mono<Health> health() {
		if (this.routable) {
			return Mono.just(Health.up().build());
		}
		return this.routes.getRouteDefinitions()
			.map(RouteDefinition::getUri)
			.filter((uri) -> "lb".equals(uri.getScheme()))
			.map(URI::getHost)
			.distinct()
			.filterWhen((service) -> this.discovery.getInstances(service).hasElements().map((found) -> !found))
			.collectSortedList()
			.map(this::health);
	}

	private Health health(List<String> withoutInstance) {
		if (!withoutInstance.isEmpty()) {
			return Health.outOfService().withDetail("noInstanceYet", withoutInstance).build();
		}
		this.routable = true;
		return Health.up().build();
	}

}
