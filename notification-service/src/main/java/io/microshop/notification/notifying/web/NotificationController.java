package io.microshop.notification.notifying.web;

import org.springframework.http.HttpStatus;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.microshop.web.ProblemResponse;
import java.util.UUID;

import io.microshop.notification.notifying.Notification;
import io.microshop.notification.notifying.NotificationManagement;
import io.microshop.security.Caller;
import io.microshop.web.PageParameters;
import io.microshop.web.PageResponse;
import jakarta.validation.Valid;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the notifications sent, or owed, for an order: to a customer only those addressed
 * to them (another customer's order has none for them), to the admin all.
 */
@RestController
@RequestMapping("/api/notifications")
@OpenAPIDefinition(info = @Info(title = "Notifications (notification-service)", version = "2",
		description = "The mails the shop sends about an order (confirmed, rejected, cancelled): one per order "
				+ "event, however often the event is delivered."))
@Tag(name = "Notifications", description = "What the shop told customers about their orders")
class NotificationController {

	// The id breaks ties between notifications recorded in the same microsecond, so that
	// pages do not overlap
	private static final Sort OLDEST_FIRST = Sort.by("createdAt", "id");

	private final NotificationManagement notifications;

	NotificationController(NotificationManagement notifications) {
		this.notifications = notifications;
	}

	@GetMapping
	@Operation(summary = "List an order's notifications, oldest first",
			description = "A customer sees only those addressed to them (none for another customer's order); the "
					+ "admin sees all.")
	@ApiResponse(responseCode = "200", description = "A page of notifications")
	@ProblemResponse(status = HttpStatus.BAD_REQUEST, type = "invalid-request", title = "Invalid request",
			when = "No orderId, one that is not a UUID, a bad page or size")
	PageResponse<NotificationResponse> byOrder(
			@Parameter(description = "The order's id",
					example = "0f8b9d3e-5c1a-4e8e-9b7a-2d4c6e8f0a1b") @RequestParam UUID orderId,
			@Valid PageParameters pageParameters, @AuthenticationPrincipal Jwt token) {
		Caller caller = Caller.of(token);
		Pageable pageable = pageParameters.toPageable(OLDEST_FIRST);
		// without a verified email nothing is addressed to a customer
		Page<Notification> page = caller.admin() ? this.notifications.findByOrder(orderId, pageable)
				: caller.email()
					.map((email) -> this.notifications.findByOrderFor(orderId, email, pageable))
					.orElseGet(() -> Page.empty(pageable));
		return PageResponse.of(page.map(NotificationResponse::of));
	}

}
