package io.microshop.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;

import redis.embedded.RedisServer;

/**
 * A real Redis server, the rate limit's store, for the tests of this module: one per test
 * JVM on a free loopback port (the {@code redis-server} binary that embedded-redis
 * ships), stopped when the JVM ends. {@link ImportRateLimitStore} points a test's gateway
 * at it.
 */
public final class RateLimitStore {

	private static final RateLimitStore instance = new RateLimitStore();

	private final int port;

	private final RedisServer server;

	private RateLimitStore() {
		this.port = StubService.unusedPort();
		try {
			this.server = RedisServer.newRedisServer()
				.port(this.port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The test's Redis server did not start", ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
	}

	public static RateLimitStore get() {
		return instance;
	}

	public int port() {
		return this.port;
	}

	private void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			// the JVM is ending
		}
	}

}
