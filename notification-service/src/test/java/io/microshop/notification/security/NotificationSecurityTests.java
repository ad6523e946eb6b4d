package io.microshop.notification.security;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.stream.Stream;

import io.microshop.notification.NotificationServiceIntegrationTest;
import io.microshop.notification.notifying.NotificationManagement;
import io.microshop.notification.notifying.OrderOutcome;
import io.microshop.testidentity.ApiCalls;
import io.microshop.testidentity.RefusedTokens;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API v2's rules on notification-service's own port, with real signed tokens and real
 * notifications in PostgreSQL: a customer sees only the notifications addressed to them,
 * the admin all; every refused token is a 401 problem; the dead letters need the admin;
 * the probes stay open.
 */
@NotificationServiceIntegrationTest
class NotificationSecurityTests {

	private static final TestIdentityProvider identity = TestIdentityProvider.get();

	private static final JsonMapper json = JsonMapper.shared();

	@Autowired
	private NotificationManagement notifications;

	@LocalServerPort
	private int port;

	private ApiCalls http;

	private UUID orderId;

	private String ada;

	@BeforeEach
	void recordAdasNotification() {
		this.http = ApiCalls.on(this.port);
		this.orderId = UUID.randomUUID();
		this.ada = "ada-" + UUID.randomUUID() + "@example.com";
		this.notifications.notifyCustomer(
				new OrderOutcome.Confirmed(UUID.randomUUID(), this.orderId, this.ada, new BigDecimal("10.00")));
	}

	@Test
	void aCustomerSeesTheNotificationsAddressedToThemAndNoOneElses() {
		assertThat(count(get(identity.customer(this.ada)))).isEqualTo(1);
		assertThat(count(get(identity.customer("grace-" + UUID.randomUUID() + "@example.com")))).isZero();
	}

	@Test
	void theAdminSeesEveryNotification() {
		assertThat(count(get(identity.admin()))).isEqualTo(1);
	}

	@Test
	void withoutATokenTheNotificationsAre401() {
		ResponseEntity<String> response = get(null);

		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
	}

	@ParameterizedTest(name = "a token {0} is refused")
	@MethodSource("refusedTokens")
	void aRefusedTokenIs401(String problem, String token) {
		ResponseEntity<String> response = get(token);

		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer error=");
	}

	static Stream<Arguments> refusedTokens() {
		return RefusedTokens.argumentsForAudience("notification-service");
	}

	@Test
	void theDeadLettersNeedTheAdmin() {
		assertThat(status("/actuator/deadletters", null)).isEqualTo(401);
		assertThat(status("/actuator/deadletters", identity.customer(this.ada))).isEqualTo(403);
		assertThat(status("/actuator/deadletters", identity.admin())).isEqualTo(200);
		assertThat(status("/actuator/health", null)).isEqualTo(200);
	}

	private ResponseEntity<String> get(String token) {
		return exchange("/api/notifications?orderId=" + this.orderId, token);
	}

	private int status(String uri, String token) {
		return exchange(uri, token).getStatusCode().value();
	}

	private ResponseEntity<String> exchange(String uri, String token) {
		return this.http.get(uri, token);
	}

	private static int count(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		return json.readTree(response.getBody()).at("/page/totalElements").asInt();
	}

}
