import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Stand-in for Mailpit: accepts every mail on SMTP port 1025 (GreenMail) and shows what it holds
 * on port 8025, through the part of Mailpit's HTTP API that Microshop uses: {@code /readyz},
 * {@code /livez}, {@code GET /api/v1/messages} (newest first), {@code GET /api/v1/message/{ID}},
 * {@code DELETE /api/v1/messages}, and a plain list at {@code /}.
 */
public final class MailpitStandIn {

	private final GreenMail smtp = new GreenMail(new ServerSetup(1025, "0.0.0.0", ServerSetup.PROTOCOL_SMTP));

	/** An ID and a time for each message, as Mailpit gives them, kept as long as the message. */
	private final Map<MimeMessage, Seen> seen = new ConcurrentHashMap<>();

	public static void main(String[] args) throws IOException {
		new MailpitStandIn().start();
	}

	private void start() throws IOException {
		this.smtp.start();
		HttpServer http = HttpServer.create(new InetSocketAddress(8025), 0);
		http.createContext("/readyz", (exchange) -> send(exchange, 200, "text/plain", "ok"));
		http.createContext("/livez", (exchange) -> send(exchange, 200, "text/plain", "ok"));
		http.createContext("/api/v1/messages", this::messages);
		http.createContext("/api/v1/message/", this::message);
		http.createContext("/", this::page);
		http.start();
		System.out.println("Mailpit stand-in: SMTP on 0.0.0.0:1025, HTTP on 0.0.0.0:8025");
	}

	private void messages(HttpExchange exchange) throws IOException {
		if (exchange.getRequestMethod().equals("DELETE")) {
			try {
				this.smtp.purgeEmailFromAllMailboxes();
			}
			catch (com.icegreen.greenmail.store.FolderException ex) {
				throw new IOException(ex);
			}
			this.seen.clear();
			send(exchange, 200, "text/plain", "ok");
			return;
		}
		List<String> summaries = new ArrayList<>();
		for (MimeMessage message : newestFirst()) {
			summaries.add(summary(message));
		}
		send(exchange, 200, "application/json", "{\"total\":%d,\"unread\":%d,\"count\":%d,\"start\":0,\"messages\":[%s]}"
			.formatted(summaries.size(), summaries.size(), summaries.size(), String.join(",", summaries)));
	}

	private void message(HttpExchange exchange) throws IOException {
		String id = exchange.getRequestURI().getPath().substring("/api/v1/message/".length());
		for (MimeMessage message : newestFirst()) {
			if (id(message).equals(id)) {
				String body = GreenMailUtil.getBody(message);
				String json = summary(message);
				send(exchange, 200, "application/json",
						json.substring(0, json.length() - 1) + ",\"Text\":" + quote(body) + "}");
				return;
			}
		}
		send(exchange, 404, "text/plain", "message not found");
	}

	private void page(HttpExchange exchange) throws IOException {
		StringBuilder html = new StringBuilder("<!doctype html><title>Mailpit stand-in</title><h1>Mail</h1><ul>");
		for (MimeMessage message : newestFirst()) {
			html.append("<li>")
				.append(escape(field(() -> addresses(message.getRecipients(Message.RecipientType.TO)))))
				.append(": ")
				.append(escape(field(message::getSubject)))
				.append("</li>");
		}
		send(exchange, 200, "text/html; charset=utf-8", html.append("</ul>").toString());
	}

	private List<MimeMessage> newestFirst() {
		List<MimeMessage> messages = new ArrayList<>(List.of(this.smtp.getReceivedMessages()));
		java.util.Collections.reverse(messages);
		return messages;
	}

	private Seen seen(MimeMessage message) {
		return this.seen.computeIfAbsent(message, (key) -> new Seen(java.util.UUID.randomUUID().toString(), Instant.now()));
	}

	private String id(MimeMessage message) {
		return seen(message).id();
	}

	private String summary(MimeMessage message) {
		String to = field(() -> java.util.Arrays.stream(recipients(message))
			.map((address) -> "{\"Name\":\"\",\"Address\":" + quote(address) + "}")
			.collect(Collectors.joining(",")));
		return "{\"ID\":%s,\"MessageID\":%s,\"From\":{\"Name\":\"\",\"Address\":%s},\"To\":[%s],\"Subject\":%s,\"Created\":%s,\"Size\":%d}"
			.formatted(quote(id(message)), quote(field(message::getMessageID)),
					quote(field(() -> addresses(message.getFrom()))), to, quote(field(message::getSubject)),
					quote(seen(message).created().toString()), field(message::getSize));
	}

	private static String[] recipients(MimeMessage message) throws MessagingException {
		Address[] to = message.getRecipients(Message.RecipientType.TO);
		return (to == null) ? new String[0]
				: java.util.Arrays.stream(to).map((a) -> ((InternetAddress) a).getAddress()).toArray(String[]::new);
	}

	private static String addresses(Address[] addresses) {
		return (addresses == null) ? "" : java.util.Arrays.stream(addresses)
			.map((a) -> (a instanceof InternetAddress internet) ? internet.getAddress() : a.toString())
			.collect(Collectors.joining(", "));
	}

	private static <T> T field(MailField<T> field) {
		try {
			return field.get();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String quote(Object value) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : String.valueOf(value == null ? "" : value).toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> json.append(c < 0x20 ? "\\u%04x".formatted((int) c) : String.valueOf(c));
			}
		}
		return json.append('"').toString();
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private record Seen(String id, Instant created) {

	}

	@FunctionalInterface
	private interface MailField<T> {

		T get() throws MessagingException;

	}

}
