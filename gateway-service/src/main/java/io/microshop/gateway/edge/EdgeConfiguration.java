package io.microshop.gateway.edge;

import java.time.Duration;

import reactor.netty.NettyPipeline;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	/**
	 * Puts a {@link RequestLineGuard} right behind Netty's HTTP decoder on every
	 * connection, where it sees each request before Reactor Netty and Spring do.
	 */
	@Bean
	NettyServerCustomizer requestLineGuard() {
		return (server) -> server.doOnChannelInit((observer, channel, address) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, "microshop.requestLineGuard", new RequestLineGuard());
			}
		});
	}

	@Bean
	RequestBodyTimeout requestBodyTimeout(
			@Value("${microshop.gateway.request-body-idle-timeout}") Duration idleTimeout) {
		return new RequestBodyTimeout(idleTimeout);
	}

}
