package com.acme.confirm.cognito;

import java.util.Map;

import com.acme.confirm.userpool.ManagedUserPool;
import org.jspecify.annotations.Nullable;

/**
 * The Cognito operations the service uses, in its own types. Every failure is a
 * {@link CognitoFailure}.
 */
public interface CognitoOperations {

	/**
	 * AdminGetUser: the user's status. The username may be an alias or the sub.
	 * @param pool the pool
	 * @param username the user
	 * @return what Cognito says of the user
	 */
	CognitoUser getUser(ManagedUserPool pool, String username);

	/**
	 * AdminConfirmSignUp, within the service's share of Cognito's request rate.
	 * @param pool the pool
	 * @param username the user's canonical username
	 * @param clientMetadata passed to the PostConfirmation trigger
	 * @return Cognito's request id
	 */
	@Nullable String adminConfirmSignUp(ManagedUserPool pool, String username, Map<String, String> clientMetadata);

	/**
	 * AdminUpdateUserAttributes with {@code email_verified=true} and the current email.
	 * @param pool the pool
	 * @param username the user's canonical username
	 * @param email the user's current email address
	 * @return Cognito's request id
	 */
	@Nullable String markEmailVerified(ManagedUserPool pool, String username, String email);

	/**
	 * ConfirmSignUp with the code the user received, within the service's share of
	 * Cognito's request rate.
	 * @param call the call
	 * @return Cognito's request id
	 */
	@Nullable String confirmSignUp(ConfirmSignUpCall call);

	/**
	 * ListUsers: one page of the pool's users that match the filter (all users without
	 * one), UNCONFIRMED ones included, within the service's share of the UserList quota.
	 * @param pool the pool
	 * @param filter the one filter Cognito applies, or {@code null}
	 * @param paginationToken the previous page's token, {@code null} for the first page
	 * @param limit users per page, 1 to 60 (Cognito's maximum)
	 * @return the page
	 */
	CognitoUserPage listUsers(ManagedUserPool pool, @Nullable UserFilter filter, @Nullable String paginationToken,
			int limit);

}
