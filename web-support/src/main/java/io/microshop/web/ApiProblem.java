package io.microshop.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds the problem bodies of the public API, so that every service names its problem
 * types the same way: {@code urn:microshop:problem:<type>}.
 */
public final class ApiProblem {

	private static final String TYPE_PREFIX = "urn:microshop:problem:";

	private ApiProblem() {
	}

	public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(type));
		problem.setTitle(title);
		return problem;
	}

	public static URI type(String type) {
		return URI.create(TYPE_PREFIX + type);
	}

}
