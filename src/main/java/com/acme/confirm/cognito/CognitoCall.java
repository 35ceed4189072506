package com.acme.confirm.cognito;

import java.util.Objects;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminConfirmSignUpRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminUpdateUserAttributesRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmSignUpRequest;

/**
 * The calls of {@link CognitoOperations}, for saying what a unit of work costs in
 * Cognito's quotas (see {@link CognitoQueue#timeFor}).
 */
public enum CognitoCall {

	/** {@link CognitoOperations#getUser}: AdminGetUser. */
	GET_USER(AdminGetUserRequest.class),

	/** {@link CognitoOperations#adminConfirmSignUp}: AdminConfirmSignUp. */
	ADMIN_CONFIRM_SIGN_UP(AdminConfirmSignUpRequest.class),

	/** {@link CognitoOperations#markEmailVerified}: AdminUpdateUserAttributes. */
	MARK_EMAIL_VERIFIED(AdminUpdateUserAttributesRequest.class),

	/** {@link CognitoOperations#confirmSignUp}: ConfirmSignUp. */
	CONFIRM_SIGN_UP(ConfirmSignUpRequest.class);

	private final Class<? extends SdkRequest> request;

	CognitoCall(Class<? extends SdkRequest> request) {
		this.request = request;
	}

	/**
	 * The quota category the call counts against: the one its SDK request is metered in.
	 */
	QuotaCategory category() {
		return Objects.requireNonNull(QuotaCategory.of(this.request), this.request.getSimpleName());
	}

}
