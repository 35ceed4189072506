package com.acme.confirm.cognito;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * The SDK's two shapes of a user (AdminGetUser's answer, ListUsers' {@code UserType}) as
 * the service's {@link CognitoUser}.
 */
final class CognitoUsers {

	private static final String SUB = "sub";

	private static final String EMAIL = "email";

	private static final String EMAIL_VERIFIED = "email_verified";

	private CognitoUsers() {
	}

	static CognitoUser of(AdminGetUserResponse user) {
		Map<String, String> attributes = attributes(user.userAttributes());
		return new CognitoUser(user.username(), attributes.get(SUB), user.userStatusAsString(),
				Boolean.TRUE.equals(user.enabled()), attributes.get(EMAIL),
				Boolean.parseBoolean(attributes.get(EMAIL_VERIFIED)), user.userCreateDate(),
				user.userLastModifiedDate(), user.responseMetadata().requestId());
	}

	static CognitoUser of(UserType user, @Nullable String requestId) {
		Map<String, String> attributes = attributes(user.attributes());
		return new CognitoUser(user.username(), attributes.get(SUB), user.userStatusAsString(),
				Boolean.TRUE.equals(user.enabled()), attributes.get(EMAIL),
				Boolean.parseBoolean(attributes.get(EMAIL_VERIFIED)), user.userCreateDate(),
				user.userLastModifiedDate(), requestId);
	}

	private static Map<String, String> attributes(List<AttributeType> attributes) {
		Map<String, String> byName = new HashMap<>();
		attributes.forEach((attribute) -> byName.put(attribute.name(), attribute.value()));
		return byName;
	}

}
