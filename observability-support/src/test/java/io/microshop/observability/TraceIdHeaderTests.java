package io.microshop.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import io.microshop.testsupport.SpanReceiver;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace id on every response, on the gateway's reactive stack and on the services'
 * servlet stack alike, with the tracing settings the processes import.
 */
class TraceIdHeaderTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01";

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final SpanReceiver receiver = SpanReceiver.shared();

	@DynamicPropertySource
	static void reportToTheReceiver(DynamicPropertyRegistry properties) {
		properties.add("management.tracing.export.zipkin.endpoint", receiver::endpoint);
	}

	abstract static class TraceIdHeaderContract {

		@Value("${local.server.port}")
		private int port;

		@Test
		void aRequestThatCarriesATraceJoinsItAndIsAnsweredWithItsId() throws Exception {
			HttpResponse<String> response = get("/hello", TRACEPARENT);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue(TraceIdHeader.NAME)).hasValue(TRACE_ID);
			// the server's span, reported to Zipkin, is a child of the client's
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(receiver.trace(TRACE_ID)).anySatisfy((span) -> {
					assertThat(span.kind()).isEqualTo("SERVER");
					assertThat(span.parentId()).isEqualTo(CLIENT_SPAN_ID);
					assertThat(span.service()).isEqualTo("traced-application");
				}));
		}

		@Test
		void aRequestWithoutATraceStartsOneAndIsAnsweredWithItsId() throws Exception {
			HttpResponse<String> first = get("/hello", null);
			HttpResponse<String> second = get("/hello", null);

			assertThat(first.headers().firstValue(TraceIdHeader.NAME))
				.hasValueSatisfying((traceId) -> assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID));
			assertThat(second.headers().firstValue(TraceIdHeader.NAME))
				.isNotEqualTo(first.headers().firstValue(TraceIdHeader.NAME));
		}

		@Test
		void aRefusalCarriesTheTraceIdToo() throws Exception {
			HttpResponse<String> response = get("/nowhere", TRACEPARENT);

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue(TraceIdHeader.NAME)).hasValue(TRACE_ID);
		}

		private HttpResponse<String> get(String path, String traceparent) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
			if (traceparent != null) {
				request.header("traceparent", traceparent);
			}
			return client.send(request.build(), BodyHandlers.ofString());
		}

	}

	@Nested
	@SpringBootTest(classes = ReactiveApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive",
					"spring.config.import=classpath:microshop-observability.yml",
					"spring.application.name=traced-application" })
	class OnTheReactiveStack extends TraceIdHeaderContract {

	}

	@Nested
	@SpringBootTest(classes = ServletApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=servlet",
					"spring.config.import=classpath:microshop-observability.yml",
					"spring.application.name=traced-application" })
	class OnTheServletStack extends TraceIdHeaderContract {

	}

	// Spring Security is on the test class path (test-support's), but not what is tested
	// here
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration" })
	static class ReactiveApplication {

		@Bean
		RouterFunction<ServerResponse> hello() {
			return RouterFunctions.route().GET("/hello", (request) -> ServerResponse.ok().bodyValue("hello")).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
	static class ServletApplication {

		@Bean
		HelloController helloController() {
			return new HelloController();
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
