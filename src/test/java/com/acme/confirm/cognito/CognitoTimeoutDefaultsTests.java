package com.acme.confirm.cognito;

import java.util.Map;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped call budgets (not the shorter ones the other tests use) against a pool
 * whose PostConfirmation trigger takes as long as Cognito lets it: the confirmation is
 * answered once, in time, and not retried.
 */
class CognitoTimeoutDefaultsTests extends IntegrationTests {

	/** What the trigger may take: Cognito waits up to 5 s for a Lambda trigger. */
	private static final int TRIGGER_MILLIS = 5_200;

	private static final CognitoProperties DEFAULTS = new Binder(new MapConfigurationPropertySource())
		.bindOrCreate("confirm.cognito", CognitoProperties.class);

	@DynamicPropertySource
	static void shippedDefaults(DynamicPropertyRegistry registry) {
		registry.add("confirm.cognito.api-call-timeout", DEFAULTS::apiCallTimeout);
		registry.add("confirm.cognito.api-call-attempt-timeout", DEFAULTS::apiCallAttemptTimeout);
		registry.add("confirm.cognito.max-attempts", DEFAULTS::maxAttempts);
	}

	@Test
	void confirmWhenTriggerTakesAsLongAsCognitoAllowsThenConfirmedInOneAttempt() {
		String username = newUsername("trigger");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.on("AdminConfirmSignUp", username,
				aResponse().proxiedFrom(this.cognito.endpoint().toString()).withFixedDelay(TRIGGER_MILLIS));

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).hasSize(1);
		assertThat(DEFAULTS.apiCallAttemptTimeout().toMillis()).isGreaterThan(TRIGGER_MILLIS);
		assertThat(DEFAULTS.apiCallTimeout()).isGreaterThanOrEqualTo(DEFAULTS.apiCallAttemptTimeout().multipliedBy(2));
	}

}
