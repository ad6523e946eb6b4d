package io.microshop.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A token travels only in the {@code Authorization} header (API v2): one in the query
 * string ends up in access logs, browser histories and {@code Referer} headers, so a call
 * that carries one is refused with a 401, even where no token is needed.
 */
final class HeaderOnlyBearerToken {

	static final String QUERY_PARAMETER = "access_token";

	private HeaderOnlyBearerToken() {
	}

	/**
	 * Whether a raw query string carries an {@code access_token} parameter.
	 */
	static boolean inQueryString(String rawQuery) {
		return rawQuery != null && UriComponentsBuilder.newInstance()
			.query(rawQuery)
			.build()
			.getQueryParams()
			.containsKey(QUERY_PARAMETER);
	}

	static OAuth2AuthenticationException refused() {
		return new OAuth2AuthenticationException(BearerTokenErrors
			.invalidRequest("A token goes in the Authorization header, never in the query string"));
	}

}
