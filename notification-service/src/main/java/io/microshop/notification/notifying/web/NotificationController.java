package io.microshop.notification.notifying.web;

import java.util.UUID;

import io.microshop.notification.notifying.NotificationManagement;
import io.microshop.web.PageParameters;
import io.microshop.web.PageResponse;
import jakarta.validation.Valid;

import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the notifications sent, or owed, for an order.
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
	PageResponse<NotificationResponse> byOrder(@RequestParam UUID orderId, @Valid PageParameters pageParameters) {
		return PageResponse.of(this.notifications.findByOrder(orderId, pageParameters.toPageable(OLDEST_FIRST))
			.map(NotificationResponse::of));
	}

}
