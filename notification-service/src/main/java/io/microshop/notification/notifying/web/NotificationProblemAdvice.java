package io.microshop.notification.notifying.web;

import io.microshop.web.ApiExceptionHandler;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problem responses of this service. Its API has no domain errors of its own yet, so
 * the shared client-mistake handling is all there is.
 */
@RestControllerAdvice
class NotificationProblemAdvice extends ApiExceptionHandler {

}
