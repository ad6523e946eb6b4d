package io.microshop.gateway.ratelimit;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Whose bucket a request takes from: the subject of its (already validated) token, or,
 * without one, the address the connection comes from. The two never collide, since each
 * has a prefix of its own.
 * <p>
 * The address is the TCP peer's: behind a proxy or a load balancer every client would
 * share the proxy's bucket, and a forwarded header can be forged, so the gateway must
 * then run with {@code server.forward-headers-strategy=native} and a proxy that sets the
 * header itself (docs/api.md).
 */
final class ClientKey implements KeyResolver {

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((principal) -> "subject:" + ((JwtAuthenticationToken) principal).getToken().getSubject())
			.switchIfEmpty(Mono.fromSupplier(() -> "address:" + address(exchange.getRequest().getRemoteAddress())));
	}

	private static String address(InetSocketAddress remote) {
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

}
