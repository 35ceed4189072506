package com.acme.confirm.cognito;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminConfirmSignUpRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminUpdateUserAttributesRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmSignUpRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersRequest;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Cognito quota category each call counts against, and the service's default share
 * of each.
 */
class QuotaCategoryTests {

	@Test
	void eachRequestTypeCountsAgainstItsCognitoCategory() {
		assertThat(QuotaCategory.of(AdminConfirmSignUpRequest.builder().build()))
			.isEqualTo(QuotaCategory.USER_CREATION);
		assertThat(QuotaCategory.of(ConfirmSignUpRequest.builder().build())).isEqualTo(QuotaCategory.USER_CREATION);
		assertThat(QuotaCategory.of(AdminGetUserRequest.builder().build())).isEqualTo(QuotaCategory.USER_READ);
		assertThat(QuotaCategory.of(AdminUpdateUserAttributesRequest.builder().build()))
			.isEqualTo(QuotaCategory.USER_UPDATE);
		assertThat(QuotaCategory.of(ListUsersRequest.builder().build())).isEqualTo(QuotaCategory.USER_LIST);
		// not called by this service, so not metered by it
		assertThat(QuotaCategory.of(AdminCreateUserRequest.builder().build())).isNull();
	}

	@Test
	void eachCallOfThePortCountsWhereItsRequestDoes() {
		assertThat(CognitoCall.GET_USER.category()).isEqualTo(QuotaCategory.USER_READ);
		assertThat(CognitoCall.ADMIN_CONFIRM_SIGN_UP.category()).isEqualTo(QuotaCategory.USER_CREATION);
		assertThat(CognitoCall.CONFIRM_SIGN_UP.category()).isEqualTo(QuotaCategory.USER_CREATION);
		assertThat(CognitoCall.MARK_EMAIL_VERIFIED.category()).isEqualTo(QuotaCategory.USER_UPDATE);
	}

	@Test
	void eachCategoryHasItsOwnPropertyAndDefaultsAreAFifthOfCognitosQuotas() {
		CognitoProperties defaults = new Binder(new MapConfigurationPropertySource()).bindOrCreate("confirm.cognito",
				CognitoProperties.class);
		CognitoProperties configured = new Binder(new MapConfigurationPropertySource(
				Map.of("confirm.cognito.max-requests-per-second", "7", "confirm.cognito.user-read-requests-per-second",
						"8", "confirm.cognito.user-update-requests-per-second", "3",
						"confirm.cognito.user-list-requests-per-second", "2")))
			.bindOrCreate("confirm.cognito", CognitoProperties.class);

		// UserCreation 50/s, UserRead 120/s, UserUpdate 25/s, UserList 30/s
		assertThat(defaults.requestsPerSecond(QuotaCategory.USER_CREATION)).isEqualTo(10);
		assertThat(defaults.requestsPerSecond(QuotaCategory.USER_READ)).isEqualTo(24);
		assertThat(defaults.requestsPerSecond(QuotaCategory.USER_UPDATE)).isEqualTo(5);
		assertThat(defaults.requestsPerSecond(QuotaCategory.USER_LIST)).isEqualTo(6);
		assertThat(defaults.expectedReplicas()).isEqualTo(2);
		assertThat(defaults.queueDeadlineMargin()).isEqualTo(Duration.ofSeconds(10));
		assertThat(configured.requestsPerSecond(QuotaCategory.USER_CREATION)).isEqualTo(7);
		assertThat(configured.requestsPerSecond(QuotaCategory.USER_READ)).isEqualTo(8);
		assertThat(configured.requestsPerSecond(QuotaCategory.USER_UPDATE)).isEqualTo(3);
		assertThat(configured.requestsPerSecond(QuotaCategory.USER_LIST)).isEqualTo(2);
	}

}
