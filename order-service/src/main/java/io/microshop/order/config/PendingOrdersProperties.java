package io.microshop.order.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an order may wait for inventory-service's answer.
 *
 * @param pendingTimeout how long after it was placed a still pending order is rejected as
 * {@code RESERVATION_TIMED_OUT}
 * @param pendingCheckInterval the pause between two checks for such orders
 */
@ConfigurationProperties("microshop.orders")
public record PendingOrdersProperties(@DefaultValue("5m") Duration pendingTimeout,
		@DefaultValue("10s") Duration pendingCheckInterval) {

}
