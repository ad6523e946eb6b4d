package io.microshop.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.http.HttpStatus;

/**
 * A problem an operation answers, as its OpenAPI document shows it: the status, the
 * problem's {@code type} and {@code title} as the service's advice writes them, and when
 * it is answered. {@link ApiDocumentation} turns each into a response of type
 * {@code application/problem+json} with an example; the problems every operation shares
 * (401, 403, 429, 503, 504) it adds by itself.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

	/**
	 * The response's status.
	 * @return the status
	 */
	HttpStatus status();

	/**
	 * The problem's type: the last part of {@code urn:microshop:problem:<type>}.
	 * @return the type
	 */
	String type();

	/**
	 * The problem's title.
	 * @return the title
	 */
	String title();

	/**
	 * When the problem is answered, a sentence for the reader (also the example's
	 * {@code detail}).
	 * @return when it is answered
	 */
	String when();

	/**
	 * The problems of one operation.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		/**
		 * The problems.
		 * @return the problems
		 */
		ProblemResponse[] value();

	}

}
