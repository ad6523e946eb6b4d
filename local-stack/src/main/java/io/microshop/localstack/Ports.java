package io.microshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The HTTP ports of the system's processes.
 *
 * @param discovery the Eureka server's
 * @param gateway the gateway's, where clients connect
 * @param order order-service's
 * @param inventory inventory-service's
 * @param notification notification-service's
 * @param gatewayManagement the gateway's actuator's (health, the Prometheus scrape)
 */
public record Ports(int discovery, int gateway, int order, int inventory, int notification, int gatewayManagement) {

	/**
	 * The ports of the API contract, and the gateway's actuator's of its
	 * {@code application.yml}.
	 * @return 8761, 8080, 8081, 8082, 8083 and 9080
	 */
	public static Ports standard() {
		return new Ports(8761, 8080, 8081, 8082, 8083, 9080);
	}

	/**
	 * Ports that are free now, for tests that must not collide with a running stack.
	 * @return six free ports
	 */
	public static Ports free() {
		return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
	}

	/**
	 * A port nothing listens on at the moment.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Fails with a clear message when something else already listens on a port.
	 * @param port the port
	 * @param owner what the port is for
	 */
	static void requireFree(int port, String owner) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
		}
		catch (IOException ex) {
			throw new StartupException(
					"Port %d (%s) is already in use. Stop whatever listens there (`lsof -i :%d`) and start again."
						.formatted(port, owner, port));
		}
	}

}
