package io.microshop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * A Zipkin collector inside the test JVM: takes the spans the processes under test report
 * ({@code POST /api/v2/spans}, in Zipkin's proto3 or JSON v2 encoding) and keeps them for
 * the test to look at. The shared one is started once per JVM, like the test database and
 * broker, and every application the tests start reports to it
 * ({@link TestInfrastructureConfiguration}).
 */
public final class SpanReceiver implements AutoCloseable {

	private static SpanReceiver shared;

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	/**
	 * Starts a receiver on a free port of the loopback interface.
	 */
	public SpanReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/api/v2/spans", this::receive);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	/**
	 * The receiver every test application of this JVM reports to.
	 * @return the shared receiver, started on first use
	 */
	public static synchronized SpanReceiver shared() {
		if (shared == null) {
			shared = new SpanReceiver();
		}
		return shared;
	}

	/**
	 * Where to report spans.
	 * @return the URL of the receiver's {@code /api/v2/spans}
	 */
	public String endpoint() {
		return "http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort()
				+ "/api/v2/spans";
	}

	/**
	 * The spans of a trace received so far.
	 * @param traceId the trace's id
	 * @return its spans, in the order they arrived
	 */
	public List<ReceivedSpan> trace(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			SpanBytesDecoder decoder = (contentType != null && contentType.startsWith("application/x-protobuf"))
					? SpanBytesDecoder.PROTO3 : SpanBytesDecoder.JSON_V2;
			for (Span span : decoder.decodeList(body.readAllBytes())) {
				this.spans.add(ReceivedSpan.of(span));
			}
			exchange.sendResponseHeaders(202, -1);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One span as Zipkin received it.
	 *
	 * @param traceId its trace
	 * @param id its own id
	 * @param parentId its parent's id, {@code null} for the root of a trace
	 * @param name what it measured, e.g. {@code http get /api/products/{sku}}
	 * @param kind {@code SERVER}, {@code CLIENT}, {@code PRODUCER}, {@code CONSUMER}, or
	 * {@code null} for a local span
	 * @param service the name of the process that reported it
	 * @param tags its tags
	 */
	public record ReceivedSpan(String traceId, String id, String parentId, String name, String kind, String service,
			Map<String, String> tags) {

		static ReceivedSpan of(Span span) {
			return new ReceivedSpan(span.traceId(), span.id(), span.parentId(), span.name(),
					(span.kind() != null) ? span.kind().name() : null, span.localServiceName(), span.tags());
		}

	}

	/**
	 * The spans of a trace, for assertions.
	 * @param spans the spans
	 * @return the names of the processes that reported them
	 */
	public static List<String> services(List<ReceivedSpan> spans) {
		List<String> services = new ArrayList<>();
		spans.stream().map(ReceivedSpan::service).distinct().forEach(services::add);
		return services;
	}

}
