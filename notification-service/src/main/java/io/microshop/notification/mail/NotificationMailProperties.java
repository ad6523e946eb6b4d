package io.microshop.notification.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notification emails are sent; the SMTP server itself is configured with
 * {@code spring.mail.*}.
 *
 * @param from the sender address of every notification email
 */
@ConfigurationProperties("microshop.mail")
public record NotificationMailProperties(@DefaultValue("Microshop <no-reply@microshop.local>") String from) {

}
