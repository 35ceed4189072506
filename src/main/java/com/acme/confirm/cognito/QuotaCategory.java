package com.acme.confirm.cognito;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminConfirmSignUpRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminUpdateUserAttributesRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmSignUpRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersRequest;

/**
 * Cognito's request-rate quota categories that this service's calls fall into. Cognito
 * counts each category per account and region, for every caller in the account together,
 * so each has a budget of its own.
 */
enum QuotaCategory {

	/**
	 * UserCreation: AdminConfirmSignUp and ConfirmSignUp here, SignUp and AdminCreateUser
	 * in the company's apps; 50 requests per second by default.
	 */
	USER_CREATION("user-creation"),

	/** UserRead: AdminGetUser; 120 requests per second by default. */
	USER_READ("user-read"),

	/** UserUpdate: AdminUpdateUserAttributes; 25 requests per second by default. */
	USER_UPDATE("user-update"),

	/** UserList: ListUsers; 30 requests per second by default. */
	USER_LIST("user-list");

	/** The category of each request type the service sends; keyed on type, not name. */
	private static final Map<Class<? extends SdkRequest>, QuotaCategory> BY_REQUEST = Map.of(
			AdminConfirmSignUpRequest.class, USER_CREATION, ConfirmSignUpRequest.class, USER_CREATION,
			AdminGetUserRequest.class, USER_READ, AdminUpdateUserAttributesRequest.class, USER_UPDATE,
			ListUsersRequest.class, USER_LIST);

	private final String id;

	QuotaCategory(String id) {
		this.id = id;
	}

	/** The category's name in metric tags and Redis keys. */
	String id() {
		return this.id;
	}

	/** The category a request counts against; {@code null} for an unmetered one. */
	static @Nullable QuotaCategory of(SdkRequest request) {
		return of(request.getClass());
	}

	static @Nullable QuotaCategory of(Class<?> requestType) {
		return BY_REQUEST.get(requestType);
	}

}
