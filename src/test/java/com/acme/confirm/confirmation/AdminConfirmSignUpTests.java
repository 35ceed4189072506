package com.acme.confirm.confirmation;

import java.util.Map;

import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static com.acme.confirm.support.ProblemAssert.assertProblemJson;
import static org.assertj.core.api.Assertions.assertThat;

class AdminConfirmSignUpTests extends IntegrationTests {

	@Test
	void adminConfirmWhenUserUnconfirmedThenConfirmedInCognito() {
		String username = newUsername("jane");
		this.cognito.signUp(username, username + "@example.com");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username, "reason", "SUP-1234 verified by phone"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode body = response.getBody();
		assertThat(body.path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(body.path("previousStatus").asString()).isEqualTo("UNCONFIRMED");
		assertThat(body.path("userPoolId").asString()).isEqualTo(TestPools.CUSTOMERS);
		assertThat(body.path("username").asString()).isEqualTo(username);
		assertThat(body.path("emailVerified").asBoolean()).isFalse();
		assertThat(body.path("auditEventId").asString()).hasSize(36);
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
	}

	@Test
	void adminConfirmWhenUserAlreadyConfirmedThenAlreadyConfirmedWithoutSecondConfirm() {
		String username = newUsername("twice");
		this.cognito.signUp(username, username + "@example.com");
		this.api.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", username));

		ResponseEntity<JsonNode> again = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody().path("outcome").asString()).isEqualTo("ALREADY_CONFIRMED");
		assertThat(again.getBody().path("previousStatus").asString()).isEqualTo("CONFIRMED");
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).hasSize(1);
	}

	@Test
	void adminConfirmWhenMarkEmailVerifiedThenEmailVerifiedInCognito() {
		String username = newUsername("verify");
		this.cognito.signUp(username, username + "@example.com");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username, "markEmailVerified", true));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody().path("emailVerified").asBoolean()).isTrue();
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
		assertThat(this.cognito.emailVerified(username)).isTrue();
	}

	@Test
	void adminConfirmWhenMarkEmailVerifiedAndNoEmailThenValidationFailedAndUnchanged() {
		String username = newUsername("noemail");
		this.cognito.signUpWithoutEmail(username);

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username, "markEmailVerified", true));

		assertProblem(response, 400, "VALIDATION_FAILED");
		assertThat(response.getBody().path("errors").get(0).path("field").asString()).isEqualTo("markEmailVerified");
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
	}

	@Test
	void adminConfirmWhenForceChangePasswordThenNotConfirmable() {
		String username = newUsername("invited");
		this.cognito.adminCreateUser(username);

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertProblemJson(response, 409, "USER_NOT_CONFIRMABLE");
		assertThat(response.getBody().path("userStatus").asString()).isEqualTo("FORCE_CHANGE_PASSWORD");
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).isEmpty();
		assertThat(this.cognito.status(username)).isEqualTo("FORCE_CHANGE_PASSWORD");
	}

	@Test
	void adminConfirmWhenUserDisabledThenNotConfirmable() {
		String username = newUsername("disabled");
		this.cognito.signUp(username, username + "@example.com");
		this.cognito.disable(username);

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(response.getBody().path("userStatus").asString()).isEqualTo("DISABLED");
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
	}

	@Test
	void adminConfirmWhenStatusOnlyRealCognitoHasThenNotConfirmable() {
		for (String status : new String[] { "RESET_REQUIRED", "EXTERNAL_PROVIDER", "ARCHIVED" }) {
			String username = newUsername(status.toLowerCase());
			this.wire.on("AdminGetUser", username, CognitoWire.ok("{\"Username\":\"" + username + "\",\"UserStatus\":\""
					+ status + "\",\"Enabled\":true,\"UserAttributes\":[]}"));

			ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
					Map.of("username", username));

			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
			assertThat(response.getBody().path("userStatus").asString()).isEqualTo(status);
			assertThat(this.wire.requests("AdminConfirmSignUp", username)).isEmpty();
		}
	}

	@Test
	void adminConfirmWhenUserMissingThenUserNotFound() {
		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", newUsername("ghost")));

		assertProblem(response, 404, "USER_NOT_FOUND");
		assertThat(response.getBody().path("cognitoError").asString()).isEqualTo("UserNotFoundException");
		assertThat(response.getBody().path("auditEventId").asString()).hasSize(36);
	}

	@Test
	void adminConfirmWhenConfirmedBetweenReadAndConfirmThenAlreadyConfirmed() {
		String username = newUsername("race");
		this.cognito.signUp(username, username + "@example.com");
		this.cognito.client()
			.adminConfirmSignUp((request) -> request.userPoolId(TestPools.CUSTOMERS).username(username));
		// The service's first read is stale: another caller has confirmed the user since.
		this.wire.onFirst("AdminGetUser", username, CognitoWire.ok("{\"Username\":\"" + username
				+ "\",\"UserStatus\":\"UNCONFIRMED\",\"Enabled\":true,\"UserAttributes\":[]}"));

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("ALREADY_CONFIRMED");
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).hasSize(1);
		assertThat(this.wire.requests("AdminGetUser", username)).hasSize(2);
	}

	@Test
	void adminConfirmWhenPoolRequiresReasonAndNoneGivenThenReasonRequired() {
		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.PARTNERS, admin(),
				Map.of("username", "anyone", "reason", "  "));

		assertProblem(response, 400, "REASON_REQUIRED");
		assertThat(this.wire.requests("AdminGetUser", "anyone")).isEmpty();
	}

	@Test
	void adminConfirmWhenPoolNotManagedThenNotManagedWithoutCognitoCall() {
		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.UNMANAGED, admin(),
				Map.of("username", "anyone"));

		assertProblem(response, 404, "USER_POOL_NOT_MANAGED");
		assertThat(response.getBody().path("type").asString()).endsWith("/user-pool-not-managed");
		assertThat(this.wire.requests("AdminGetUser")).isEmpty();
	}

}
