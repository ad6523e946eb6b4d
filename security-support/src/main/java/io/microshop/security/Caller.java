package io.microshop.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who makes a call, as their validated token says.
 *
 * @param subject the token's {@code sub}: the user's stable id at the provider
 * @param email the user's email, present only when the provider has verified it (a
 * customer's orders and notifications are those addressed to it), in lower case
 * @param admin whether the token carries the {@code admin} role
 */
public record Caller(String subject, Optional<String> email, boolean admin) {

	/**
	 * Reads the caller from a token the resource server has validated.
	 * @param token the token
	 * @return the caller
	 */
	public static Caller of(Jwt token) {
		List<String> roles = token.getClaimAsStringList("roles");
		boolean verified = Boolean.TRUE.equals(token.getClaimAsBoolean("email_verified"));
		String email = token.getClaimAsString("email");
		return new Caller(token.getSubject(),
				Optional.ofNullable(verified ? email : null).map((address) -> address.toLowerCase(Locale.ROOT)),
				roles != null && roles.contains(Roles.ADMIN));
	}

	/**
	 * Whether something addressed to an email is the caller's: an admin's always, a
	 * customer's when it is their verified email (compared without case).
	 * @param address the email it is addressed to
	 * @return whether the caller may see it
	 */
	public boolean owns(String address) {
		return this.admin || this.email.map((own) -> own.equalsIgnoreCase(address)).orElse(false);
	}

}
