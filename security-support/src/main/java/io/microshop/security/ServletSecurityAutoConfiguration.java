package io.microshop.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What every service gets from security-support without asking: a request Spring
 * Security's firewall refuses (an encoded slash, a control character in a header) is a
 * 400 problem, not an error page with a 500, whether the firewall refuses it before the
 * request reaches the API (its target) or when the API reads the header.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(RequestRejectedHandler.class)
public class ServletSecurityAutoConfiguration {

	@Bean
	RequestRejectedHandler problemForRejectedRequests() {
		return (request, response, rejected) -> {
			ProblemDetail problem = SecurityProblems.malformedRequest(request.getRequestURI());
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			response.setContentType(SecurityProblems.CONTENT_TYPE);
			response.getOutputStream().write(SecurityProblems.body(problem));
		};
	}

	@Bean
	RejectedHeaderAdvice rejectedHeaderAdvice() {
		return new RejectedHeaderAdvice();
	}

	/**
	 * The firewall checks a header's value when it is read, in the controller: before
	 * every other exception handler, so that a service's catch-all does not make it a
	 * 500.
	 */
	@RestControllerAdvice
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class RejectedHeaderAdvice {

		@ExceptionHandler
		ResponseEntity<byte[]> rejected(RequestRejectedException ex, HttpServletRequest request) {
			return ResponseEntity.badRequest()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(SecurityProblems.body(SecurityProblems.malformedRequest(request.getRequestURI())));
		}

	}

}
