package io.microshop.gateway.edge;

import java.time.Duration;

/**
 * A request body that stopped arriving; the gateway answers it with a 408 problem.
 */
public class RequestBodyTimeoutException extends RuntimeException {

	RequestBodyTimeoutException(Duration idleTimeout) {
		// a client's mistake, not a failure of the gateway: no stack trace to fill in
		super("No part of the request body arrived for " + idleTimeout.toSeconds()
				+ " s; send the whole body that Content-Length announces", null, false, false);
	}

}
