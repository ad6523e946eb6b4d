package io.microshop.gateway.health;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springdoc.core.annotations.RouterOperation;
import org.springframework.web.bind.annotation.RequestMethod;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Adds {@code routes} to the gateway's health, and answers {@code GET /actuator/health}
 * on the public port too.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Gateway (gateway-service)", version = "2",
		description = "The one address of the API: it checks every token, limits each caller (429 with "
				+ "Retry-After over the limit), and routes /api/products to inventory-service, /api/orders to "
				+ "order-service and /api/notifications to notification-service. Its own path is its health."))
class HealthConfiguration {

	/** The one actuator path of the public port (API.md v2). */
	static final String PUBLIC_HEALTH = "/actuator/health";

	@Bean
	RoutableHealthIndicator routesHealthIndicator(RouteDefinitionLocator routes, ReactiveDiscoveryClient discovery) {
		return new RoutableHealthIndicator(routes, discovery);
	}

	/**
	 * The gateway's health on its public port, as the actuator on its own port answers
	 * it: {@code {"status":"UP"}}, or a 503 with {@code {"status":"OUT_OF_SERVICE"}}
	 * until it can route, and nothing more. The actuator has a port of its own (the
	 * Prometheus scrape is not public), and Spring Boot's additional path for a health
	 * group takes a single path segment, so it cannot serve {@value #PUBLIC_HEALTH} here.
	 * @param health the actuator's health endpoint
	 * @return the route of {@code GET /actuator/health}
	 */
	@Bean
	@RouterOperation(path = PUBLIC_HEALTH, method = RequestMethod.GET,
			operation = @Operation(operationId = "health", summary = "Whether the gateway can route",
					description = "Anyone, no token needed.", tags = "Gateway",
					responses = {
							@ApiResponse(responseCode = "200", description = "The gateway can route",
									content = @Content(mediaType = "application/json",
											examples = @ExampleObject(value = "{\"status\":\"UP\"}"))),
							@ApiResponse(responseCode = "503", description = "Not yet, or no longer",
									content = @Content(mediaType = "application/json",
											examples = @ExampleObject(value = "{\"status\":\"OUT_OF_SERVICE\"}"))) }))
	RouterFunction<ServerResponse> publicHealth(ReactiveHealthEndpointWebExtension health) {
		return RouterFunctions.route(RequestPredicates.GET(PUBLIC_HEALTH),
				(request) -> health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE)
					.flatMap((answer) -> ServerResponse.status(answer.getStatus())
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Map.of("status", answer.getBody().getStatus().getCode()))));
	}

}
