package com.acme.confirm.cognito;

import java.util.Map;

import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A budget of one confirmation every five seconds, end to end: what is over it never
 * reaches Cognito. (That slow, so that a loaded machine's delays between two calls stay
 * far inside one interval.) Each test uses its own pool's region, so each starts with a
 * full bucket.
 */
@TestPropertySource(
		properties = { "confirm.cognito.max-requests-per-second=0.2", "confirm.cognito.max-budget-wait=100ms" })
class CognitoBudgetThrottlingTests extends IntegrationTests {

	@Test
	void confirmWhenBudgetUsedUpThenThrottledWithRetryAfterAndCognitoNotAsked() {
		String first = newUsername("budget-a");
		String second = newUsername("budget-b");
		this.cognito.signUp(first, first + "@example.com");
		this.cognito.signUp(second, second + "@example.com");

		ResponseEntity<JsonNode> allowed = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", first));
		ResponseEntity<JsonNode> refused = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", second));

		assertThat(allowed.getStatusCode().value()).isEqualTo(200);
		assertThat(refused.getStatusCode().value()).isEqualTo(429);
		assertThat(refused.getBody().path("code").asString()).isEqualTo("THROTTLED");
		assertThat(refused.getBody().has("cognitoError")).isFalse();
		// the interval (5 s ÷ 0.97) less the time since the first confirmation
		assertThat(Integer.parseInt(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1, 6);
		assertThat(this.wire.requests("AdminConfirmSignUp", second)).isEmpty();
		assertThat(this.cognito.status(second)).isEqualTo("UNCONFIRMED");
		assertThat(auditRows(second)).singleElement().satisfies((row) -> {
			assertThat(row.get("outcome")).isEqualTo("FAILED");
			assertThat(row.get("error_code")).isEqualTo("THROTTLED");
		});
	}

	@Test
	void retryAfterCognitoFailureNeedsBudgetTooBecauseCognitoCountsIt() {
		String username = newUsername("budget-retry");
		this.wire.on("AdminGetUser", username, CognitoWire.ok("{\"Username\":\"" + username
				+ "\",\"UserStatus\":\"UNCONFIRMED\",\"Enabled\":true,\"UserAttributes\":[]}"));
		this.wire.fail("AdminConfirmSignUp", username, 500, "InternalErrorException");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.PARTNERS, admin(),
				Map.of("username", username, "reason", "SUP-7 budget"));

		// The first attempt took the only token; the SDK's retry found none. The first
		// attempt's answer was a 500, so the user was read: still UNCONFIRMED.
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).hasSize(1);
		assertThat(this.wire.requests("AdminGetUser", username)).hasSize(2);
		assertThat(response.getStatusCode().value()).isEqualTo(429);
		assertThat(response.getBody().path("code").asString()).isEqualTo("THROTTLED");
		assertThat(response.getBody().path("userStatus").asString()).isEqualTo("UNCONFIRMED");
	}

	@Test
	void retryRefusedByTheBudgetAfterAnAttemptWhoseAnswerWasLostThenSettledByReadingTheUser() {
		String username = newUsername("budget-settle");
		this.wire.onFirst("AdminGetUser", username, user(username, "UNCONFIRMED"));
		this.wire.afterFirst("AdminGetUser", username, user(username, "CONFIRMED"));
		// Cognito confirmed the user but the answer was a 500; the retry finds no token.
		this.wire.fail("AdminConfirmSignUp", username, 500, "InternalErrorException");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CROSS_ACCOUNT, admin(),
				Map.of("username", username));

		assertThat(this.wire.requests("AdminConfirmSignUp", username)).hasSize(1);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(auditRows(username)).singleElement().satisfies((row) -> {
			assertThat(row.get("outcome")).isEqualTo("CONFIRMED");
			assertThat(row.get("user_status")).isEqualTo("CONFIRMED");
		});
	}

	private static ResponseDefinitionBuilder user(String username, String status) {
		return CognitoWire.ok("{\"Username\":\"" + username + "\",\"UserStatus\":\"" + status
				+ "\",\"Enabled\":true,\"UserAttributes\":[]}");
	}

}
