package com.acme.confirm.cognito;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What AdminGetUser says of a user.
 *
 * @param username the user's canonical username (the request may have named an alias)
 * @param status the Cognito user status ({@code UNCONFIRMED}, {@code CONFIRMED},
 * {@code FORCE_CHANGE_PASSWORD}, ...)
 * @param enabled whether the user is enabled
 * @param email the user's email address, if it has one
 * @param emailVerified whether {@code email_verified} is true
 * @param lastModified when Cognito last changed the user, by its own clock
 * @param requestId Cognito's request id of the AdminGetUser call
 */
public record CognitoUser(String username, String status, boolean enabled, @Nullable String email,
		boolean emailVerified, @Nullable Instant lastModified, @Nullable String requestId) {

	public static final String UNCONFIRMED = "UNCONFIRMED";

	public static final String CONFIRMED = "CONFIRMED";

	public boolean hasEmail() {
		return this.email != null;
	}

	public boolean isConfirmed() {
		return CONFIRMED.equals(this.status);
	}

	/**
	 * Whether a confirmation may move this user to CONFIRMED.
	 */
	public boolean isConfirmable() {
		return this.enabled && UNCONFIRMED.equals(this.status);
	}

}
