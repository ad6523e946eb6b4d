package io.microshop.notification.notifying;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * All notifications, findable by the order and by the event they came from.
 */
public interface Notifications extends JpaRepository<Notification, UUID> {

	Page<Notification> findByOrderId(UUID orderId, Pageable pageable);

	Page<Notification> findByOrderIdAndRecipientIgnoreCase(UUID orderId, String recipient, Pageable pageable);

	Optional<Notification> findByEventId(UUID eventId);

}
