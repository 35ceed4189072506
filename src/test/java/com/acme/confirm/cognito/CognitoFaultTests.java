package com.acme.confirm.cognito;

import java.util.Map;

import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults the emulator cannot produce, replayed by WireMock in Cognito's wire format.
 */
class CognitoFaultTests extends IntegrationTests {

	@ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
	@CsvSource({ "AdminGetUser, 400, TooManyRequestsException, 429, THROTTLED",
			"AdminConfirmSignUp, 400, TooManyRequestsException, 429, THROTTLED",
			"AdminConfirmSignUp, 400, LimitExceededException, 429, THROTTLED",
			"AdminGetUser, 500, InternalErrorException, 503, COGNITO_UNAVAILABLE",
			"AdminConfirmSignUp, 503, ServiceUnavailable, 503, COGNITO_UNAVAILABLE",
			"AdminConfirmSignUp, 400, UserLambdaValidationException, 502, COGNITO_TRIGGER_FAILED",
			"AdminConfirmSignUp, 400, UnexpectedLambdaException, 502, COGNITO_TRIGGER_FAILED",
			"AdminConfirmSignUp, 400, InvalidLambdaResponseException, 502, COGNITO_TRIGGER_FAILED",
			"AdminConfirmSignUp, 403, ForbiddenException, 502, COGNITO_REJECTED",
			"AdminGetUser, 400, ResourceNotFoundException, 502, COGNITO_REJECTED",
			"AdminConfirmSignUp, 400, InvalidParameterException, 502, COGNITO_REJECTED",
			"AdminGetUser, 400, UserNotFoundException, 404, USER_NOT_FOUND" })
	void adminConfirmWhenCognitoFailsThenProblemAndUserUnchanged(String operation, int status, String errorType,
			int expectedStatus, String expectedCode) {
		String username = newUsername("fault");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.fail(operation, username, status, errorType);

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertProblem(response, expectedStatus, expectedCode);
		assertThat(response.getBody().path("cognitoError").asString()).isEqualTo(errorType);
		assertThat(response.getBody().path("detail").asString()).doesNotContain("Injected by the test");
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
		assertThat(auditRows(username)).singleElement().satisfies((row) -> {
			assertThat(row.get("outcome")).isEqualTo("FAILED");
			assertThat(row.get("error_code")).isEqualTo(expectedCode);
			assertThat(row.get("id")).hasToString(response.getBody().path("auditEventId").asString());
		});
		if (expectedStatus == 429) {
			assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		}
	}

	@Test
	void adminConfirmWhenCognitoKeepsFailingWith5xxThenRetriedUpToMaxAttempts() {
		String username = newUsername("retried");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.fail("AdminConfirmSignUp", username, 500, "InternalErrorException");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertProblem(response, 503, "COGNITO_UNAVAILABLE");
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).hasSize(3);
	}

	@Test
	void adminConfirmWhenCognitoThrottlesOnceThenRetriedAndConfirmed() {
		String username = newUsername("throttled-once");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.onFirst("AdminConfirmSignUp", username,
				CognitoWire.error(400, "TooManyRequestsException", "Rate exceeded"));

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).hasSize(2);
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
	}

	@Test
	void adminConfirmWhenConfirmAnsweredTooLateThenThisRequestIsRecordedAsHavingConfirmed() {
		String username = newUsername("late");
		this.cognito.signUp(username, username + "@example.com");
		// The emulator confirms the user, but its answer arrives after the attempt timed
		// out; the retry is answered as the emulator answers (it confirms in any status).
		this.wire.onFirst("AdminConfirmSignUp", username,
				aResponse().proxiedFrom(this.cognito.endpoint().toString()).withFixedDelay(3500));

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).hasSize(2);
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
		assertThat(auditRows(username)).singleElement()
			.satisfies((row) -> assertThat(row.get("outcome")).isEqualTo("CONFIRMED"));
	}

	@Test
	void adminConfirmWhenLateSuccessThenRetryRefusedAsNotAuthorizedThenConfirmedNotAlreadyConfirmed() {
		String username = newUsername("late-na");
		this.cognito.signUp(username, username + "@example.com");
		// Real Cognito: the first attempt is applied but answered too late; the retry is
		// refused because the user is CONFIRMED by then (the emulator would confirm
		// again).
		this.wire.onFirst("AdminConfirmSignUp", username,
				aResponse().proxiedFrom(this.cognito.endpoint().toString()).withFixedDelay(3500));
		this.wire.afterFirst("AdminConfirmSignUp", username, CognitoWire.error(400, "NotAuthorizedException",
				"User cannot be confirmed. Current status is CONFIRMED"));

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(response.getBody().path("previousStatus").asString()).isEqualTo("UNCONFIRMED");
		assertThat(auditRows(username)).singleElement().satisfies((row) -> {
			assertThat(row.get("outcome")).isEqualTo("CONFIRMED");
			assertThat(row.get("user_status")).isEqualTo("CONFIRMED");
			assertThat(row.get("error_code")).isNull();
		});
	}

	@Test
	void adminConfirmWhenEveryAttemptTimesOutButCognitoConfirmedTheUserThenConfirmed() {
		String username = newUsername("all-late");
		this.cognito.signUp(username, username + "@example.com");
		// The first attempt is applied and answered too late, every later one too late to
		// matter: the call's whole budget runs out.
		this.wire.onFirst("AdminConfirmSignUp", username,
				aResponse().proxiedFrom(this.cognito.endpoint().toString()).withFixedDelay(3500));
		this.wire.afterFirst("AdminConfirmSignUp", username, CognitoWire.ok("{}").withFixedDelay(3500));

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(auditRows(username)).singleElement()
			.satisfies((row) -> assertThat(row.get("outcome")).isEqualTo("CONFIRMED"));
	}

	@Test
	void adminConfirmWhenEveryAttemptTimesOutAndUserStillUnconfirmedThenTimeoutWithTheStatusOnRecord() {
		String username = newUsername("never");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.on("AdminConfirmSignUp", username, CognitoWire.ok("{}").withFixedDelay(3500));

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		JsonNode problem = assertProblem(response, 504, "COGNITO_TIMEOUT");
		assertThat(problem.path("userStatus").asString()).isEqualTo("UNCONFIRMED");
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
		assertThat(auditRows(username)).singleElement().satisfies((row) -> {
			assertThat(row.get("outcome")).isEqualTo("FAILED");
			assertThat(row.get("error_code")).isEqualTo("COGNITO_TIMEOUT");
			assertThat(row.get("user_status")).isEqualTo("UNCONFIRMED");
		});
	}

	@Test
	void adminConfirmWhenOutcomeCannotBeReadAfterAFailureThenTheRecordSaysUnknown() {
		String username = newUsername("unknown");
		this.cognito.signUp(username, username + "@example.com");
		// The first read answers; the one after the failed confirmation fails too.
		this.wire.onFirst("AdminGetUser", username, aResponse().proxiedFrom(this.cognito.endpoint().toString()));
		this.wire.afterFirst("AdminGetUser", username, CognitoWire.error(500, "InternalErrorException", "down"));
		this.wire.fail("AdminConfirmSignUp", username, 500, "InternalErrorException");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		JsonNode problem = assertProblem(response, 503, "COGNITO_UNAVAILABLE");
		assertThat(problem.path("userStatus").asString()).isEqualTo("UNKNOWN");
		assertThat(auditRows(username)).singleElement().satisfies((row) -> {
			assertThat(row.get("error_code")).isEqualTo("COGNITO_UNAVAILABLE");
			assertThat(row.get("user_status")).isEqualTo("UNKNOWN");
		});
	}

	@Test
	void adminConfirmWhenCognitoTooSlowThenTimeout() {
		String username = newUsername("slow");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.on("AdminGetUser", username, CognitoWire.ok("{}").withFixedDelay(6_000));

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertProblem(response, 504, "COGNITO_TIMEOUT");
		assertThat(response.getBody().has("cognitoError")).isFalse();
		assertThat(auditRows(username)).singleElement()
			.satisfies((row) -> assertThat(row.get("error_code")).isEqualTo("COGNITO_TIMEOUT"));
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).isEmpty();
	}

	@Test
	void adminConfirmWhenConnectionResetThenUnavailable() {
		String username = newUsername("reset");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.reset("AdminGetUser", username);

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertProblem(response, 503, "COGNITO_UNAVAILABLE");
	}

	@Test
	void adminConfirmWhenCognitoAnswersEmptyBodyWith502ThenUnavailable() {
		String username = newUsername("empty");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.on("AdminGetUser", username, aResponse().withStatus(502));

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertProblem(response, 503, "COGNITO_UNAVAILABLE");
	}

	@Test
	void confirmWhenTriggerFailsThenTriggerFailedAndUserUnconfirmed() {
		String username = newUsername("lambda");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.fail("ConfirmSignUp", username, 400, "UserLambdaValidationException");

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(),
				Map.of("clientId", TestPools.PUBLIC_CLIENT, "username", username, "confirmationCode", TestPools.CODE));

		assertProblem(response, 502, "COGNITO_TRIGGER_FAILED");
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
	}

	@Test
	void adminConfirmWhenEmailVerificationFailsAfterConfirmThenRetrySucceeds() {
		String username = newUsername("half");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.fail("AdminUpdateUserAttributes", username, 500, "InternalErrorException");
		ResponseEntity<JsonNode> failed = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username, "markEmailVerified", true));
		this.wire.reset();
		// The retry sees the user CONFIRMED: it only sets email_verified.
		ResponseEntity<JsonNode> retried = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username, "markEmailVerified", true));

		assertThat(failed.getStatusCode().value()).isEqualTo(503);
		assertThat(failed.getBody().path("userStatus").asString()).isEqualTo("CONFIRMED");
		assertThat(retried.getStatusCode().value()).isEqualTo(200);
		assertThat(retried.getBody().path("outcome").asString()).isEqualTo("ALREADY_CONFIRMED");
		assertThat(retried.getBody().path("emailVerified").asBoolean()).isTrue();
		assertThat(this.cognito.emailVerified(username)).isTrue();
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).isEmpty();
	}

}
