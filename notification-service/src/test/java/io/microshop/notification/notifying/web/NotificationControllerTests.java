package io.microshop.notification.notifying.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microshop.notification.notifying.Notification;
import io.microshop.notification.notifying.NotificationManagement;
import io.microshop.notification.notifying.OrderOutcome;
import io.microshop.notification.security.SecurityConfiguration;
import io.microshop.testidentity.ImportTestIdentity;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The controller with the service's real security in front (tokens of the test identity
 * provider, validated as in production). Requests are the admin's unless they say
 * otherwise.
 */
@WebMvcTest(NotificationController.class)
@Import(SecurityConfiguration.class)
@ImportTestIdentity
class NotificationControllerTests {

	private static final TestIdentityProvider identity = TestIdentityProvider.get();

	private static final UUID ORDER_ID = UUID.fromString("1234abcd-5678-4def-9abc-0123456789ab");

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private NotificationManagement notifications;

	@Test
	void aCustomerSeesOnlyTheNotificationsAddressedToThem() {
		given(this.notifications.findByOrderFor(eq(ORDER_ID), eq("grace@example.com"), any())).willReturn(Page.empty());

		assertThat(this.mvc.get()
			.uri("/api/notifications?orderId={id}", ORDER_ID)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + identity.customer("grace@example.com"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.page.totalElements")
			.isEqualTo(0);
		then(this.notifications).should(never()).findByOrder(any(), any());
	}

	@Test
	void withoutATokenTheNotificationsAre401() {
		assertThat(
				this.mvc.get().uri("/api/notifications?orderId={id}", ORDER_ID).header(HttpHeaders.AUTHORIZATION, ""))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		verifyNoInteractions(this.notifications);
	}

	@Test
	void listsTheNotificationsOfAnOrderAsAPage() {
		Notification notification = Notification.pendingEmail(
				new OrderOutcome.Confirmed(UUID.randomUUID(), ORDER_ID, "ada@example.com", new BigDecimal("59.98")),
				Instant.parse("2026-11-25T10:15:30.123Z"));
		given(this.notifications.findByOrder(eq(ORDER_ID), any()))
			.willReturn(new PageImpl<>(List.of(notification), PageRequest.of(0, 20), 1));

		assertThat(this.mvc.get().uri("/api/notifications?orderId={id}", ORDER_ID)).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("""
					{
					  "content": [{
					    "id": "%s",
					    "orderId": "1234abcd-5678-4def-9abc-0123456789ab",
					    "type": "ORDER_CONFIRMED",
					    "recipient": "ada@example.com",
					    "channel": "EMAIL",
					    "status": "PENDING",
					    "subject": "Order 1234abcd\u2026 confirmed",
					    "createdAt": "2026-11-25T10:15:30.123Z"
					  }],
					  "page": {"size": 20, "number": 0, "totalElements": 1, "totalPages": 1}
					}""".formatted(notification.getId()));
	}

	@Test
	void asksForTheRequestedPageOldestFirst() {
		given(this.notifications.findByOrder(eq(ORDER_ID), any())).willReturn(new PageImpl<>(List.of()));

		assertThat(this.mvc.get().uri("/api/notifications?orderId={id}&page=2&size=5", ORDER_ID)).hasStatusOk();

		ArgumentCaptor<Pageable> pageable = ArgumentCaptor.forClass(Pageable.class);
		then(this.notifications).should().findByOrder(eq(ORDER_ID), pageable.capture());
		assertThat(pageable.getValue()).isEqualTo(PageRequest.of(2, 5, Sort.by("createdAt", "id")));
	}

	@Test
	void rejectsARequestWithoutOrderId() {
		assertThat(this.mvc.get().uri("/api/notifications")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("orderId");
		verifyNoInteractions(this.notifications);
	}

	@ParameterizedTest
	@CsvSource({ "orderId=not-a-uuid, orderId", "orderId=1234abcd, orderId",
			"orderId=1234abcd-5678-4def-9abc-0123456789ab&page=-1, page",
			"orderId=1234abcd-5678-4def-9abc-0123456789ab&page=first, page",
			"orderId=1234abcd-5678-4def-9abc-0123456789ab&size=0, size",
			"orderId=1234abcd-5678-4def-9abc-0123456789ab&size=101, size" })
	void rejectsMalformedParametersWithAProblem(String query, String field) {
		MvcTestResult result = this.mvc.get().uri("/api/notifications?" + query).exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(400);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:microshop:problem:invalid-request");
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid request");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().isNotBlank();
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
		verifyNoInteractions(this.notifications);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class AsTheAdmin {

		@Bean
		MockMvcBuilderCustomizer asTheAdmin() {
			return (builder) -> builder.defaultRequest(
					MockMvcRequestBuilders.get("/").header(HttpHeaders.AUTHORIZATION, "Bearer " + identity.admin()));
		}

	}

}
