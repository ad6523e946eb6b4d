package io.microshop.notification.notifying.web;

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
class NotificationController {

	// The id breaks ties between notifications recorded in the same microsecond, so that
	// pages do not overlap
	private static final Sort OLDEST_FIRST = Sort.by("createdAt", "id");

	private final NotificationManagement notifications;

	NotificationController(NotificationManagement notifications) {
		this.notifications = notifications;
	}

	@GetMapping
	PageResponse<NotificationResponse> byOrder(@RequestParam UUID orderId, @Valid PageParameters pageParameters,
			@AuthenticationPrincipal Jwt token) {
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
