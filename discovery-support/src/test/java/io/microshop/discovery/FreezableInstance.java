package io.microshop.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * An instance of a service on a real port that can be frozen: while it is, it accepts
 * connections and reads requests but never answers, as a process stopped with SIGSTOP
 * (whose port the kernel keeps accepting on) or in a long pause. Each request it answers
 * gets {@code 200} with a small JSON body; requests are counted as they arrive, frozen or
 * not.
 */
public final class FreezableInstance implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	private volatile CountDownLatch thawed = new CountDownLatch(0);

	/**
	 * Starts an instance on a free port of the loopback address.
	 * @return the instance, answering
	 */
	public static FreezableInstance start() {
		try {
			return new FreezableInstance();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private FreezableInstance() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			try {
				this.thawed.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			byte[] body = "{\"answer\":\"yes\"}".getBytes();
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public int requests() {
		return this.requests.get();
	}

	public void freeze() {
		this.thawed = new CountDownLatch(1);
	}

	public void thaw() {
		this.thawed.countDown();
	}

	@Override
	public void close() {
		thaw();
		this.server.stop(0);
	}

}
