package com.acme.confirm.cognito;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What AdminGetUser (or a page of ListUsers) says of a user.
 *
 * @param username the user's canonical username (the request may have named an alias)
 * @param sub the user's immutable {@code sub} attribute, where Cognito gave it
 * @param status the Cognito user status ({@code UNCONFIRMED}, {@code CONFIRMED},
 * {@code FORCE_CHANGE_PASSWORD}, ...)
 * @param enabled whether the user is enabled
 * @param email the user's email address, if it has one
 * @param emailVerified whether {@code email_verified} is true
 * @param createdAt when the user was created (UserCreateDate), by Cognito's clock
 * @param lastModified when Cognito last changed the user, by its own clock
 * @param requestId Cognito's request id of the AdminGetUser call
 */
public record CognitoUser(String username, @Nullable String sub, String status, boolean enabled, @Nullable String email,
		boolean emailVerified, @Nullable Instant createdAt, @Nullable Instant lastModified,
		@Nullable String requestId) {

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
