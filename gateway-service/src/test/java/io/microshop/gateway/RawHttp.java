package io.microshop.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Requests sent byte for byte over a socket, as a hostile or broken client would: HTTP
 * clients encode, normalize or refuse exactly the request lines these tests are about.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends bytes and reads the response until the server closes the connection or the
	 * timeout passes.
	 * @param port the server's port on loopback
	 * @param request the whole request, or its first part
	 * @param timeout how long to wait for the response
	 * @return the response
	 */
	static Response send(int port, String request, Duration timeout) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return Response.parse(readUntilClosed(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readUntilClosed(InputStream in) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				received.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			if (received.size() == 0) {
				throw ex;
			}
		}
		return received.toString(StandardCharsets.UTF_8);
	}

	/**
	 * A response as it arrived.
	 *
	 * @param status its status code
	 * @param headers its headers, names in lower case
	 * @param body its body
	 */
	record Response(int status, Map<String, String> headers, String body) {

		static Response parse(String text) {
			int end = text.indexOf("\r\n\r\n");
			String head = (end < 0) ? text : text.substring(0, end);
			String[] lines = head.split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
					(end < 0) ? "" : text.substring(end + 4));
		}

	}

}
