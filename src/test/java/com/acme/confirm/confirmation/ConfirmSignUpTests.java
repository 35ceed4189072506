package com.acme.confirm.confirmation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class ConfirmSignUpTests extends IntegrationTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void confirmWhenCodeMatchesThenConfirmedInCognito() {
		String username = newUsername("coded");
		this.cognito.signUp(username, username + "@example.com");

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body(TestPools.PUBLIC_CLIENT, username, TestPools.CODE));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(response.getBody().path("previousStatus").asString()).isEqualTo("UNCONFIRMED");
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
	}

	@Test
	void confirmWhenClientHasSecretThenSecretHashOnTheWire() {
		String username = "secret-hash-user";
		this.cognito.signUp(username, "secret-hash-user@example.com");

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body(TestPools.SECRET_CLIENT, username, TestPools.CODE));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		List<LoggedRequest> sent = this.wire.requests("ConfirmSignUp", username);
		assertThat(sent).hasSize(1);
		JsonNode wireBody = this.json.readTree(sent.get(0).getBodyAsString());
		// openssl: printf 'secret-hash-userwebclient1' | openssl dgst -sha256 -hmac
		// local-web-secret -binary | base64
		assertThat(wireBody.path("SecretHash").asString()).isEqualTo("82AykNPEho1LMt2KqnhzESbzWzy95cxfUUuoIXcLrBs=");
		assertThat(wireBody.path("ClientId").asString()).isEqualTo(TestPools.SECRET_CLIENT);
		assertThat(sent.get(0).getHeader("Content-Type")).startsWith(CognitoWire.CONTENT_TYPE);
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
	}

	@Test
	void confirmWhenClientHasNoSecretThenNoSecretHash() {
		String username = newUsername("public");
		this.cognito.signUp(username, username + "@example.com");

		this.api.confirm(TestPools.CUSTOMERS, agent(), body(TestPools.PUBLIC_CLIENT, username, TestPools.CODE));

		JsonNode wireBody = this.json.readTree(this.wire.requests("ConfirmSignUp", username).get(0).getBodyAsString());
		assertThat(wireBody.has("SecretHash")).isFalse();
	}

	@Test
	void confirmWhenSecretHashRejectedThenCognitoRejectedAndUserUnconfirmed() {
		String username = newUsername("misconfigured");
		this.cognito.signUp(username, username + "@example.com");

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body(TestPools.MISCONFIGURED_CLIENT, username, TestPools.CODE));

		assertProblem(response, 502, "COGNITO_REJECTED");
		assertThat(response.getBody().path("cognitoError").asString()).isEqualTo("NotAuthorizedException");
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
	}

	@Test
	void confirmWhenCodeWrongThenCodeMismatch() {
		String username = newUsername("mismatch");
		this.cognito.signUp(username, username + "@example.com");

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body(TestPools.PUBLIC_CLIENT, username, "000000"));

		assertProblem(response, 422, "CODE_MISMATCH");
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
	}

	@Test
	void confirmWhenCodeExpiredThenCodeExpired() {
		String username = newUsername("expired");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.fail("ConfirmSignUp", username, 400, "ExpiredCodeException");

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body(TestPools.PUBLIC_CLIENT, username, TestPools.CODE));

		assertProblem(response, 422, "CODE_EXPIRED");
	}

	@Test
	void confirmWhenUserAlreadyConfirmedThenAlreadyConfirmed() {
		String username = newUsername("done");
		this.cognito.signUp(username, username + "@example.com");
		this.api.confirm(TestPools.CUSTOMERS, agent(), body(TestPools.PUBLIC_CLIENT, username, TestPools.CODE));

		ResponseEntity<JsonNode> again = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body(TestPools.PUBLIC_CLIENT, username, TestPools.CODE));

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody().path("outcome").asString()).isEqualTo("ALREADY_CONFIRMED");
		assertThat(again.getBody().path("previousStatus").asString()).isEqualTo("CONFIRMED");
	}

	@Test
	void confirmWhenCognitoSaysNotAuthorizedForConfirmedUserThenAlreadyConfirmed() {
		// Real Cognito's answer for a confirmed user;
		// the emulator answers ExpiredCode instead.
		String username = newUsername("confirmed");
		this.cognito.signUp(username, username + "@example.com");
		this.cognito.client()
			.adminConfirmSignUp((request) -> request.userPoolId(TestPools.CUSTOMERS).username(username));
		this.wire.on("ConfirmSignUp", username, CognitoWire.error(400, "NotAuthorizedException",
				"User cannot be confirmed. Current status is CONFIRMED"));

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body(TestPools.PUBLIC_CLIENT, username, "123456"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("ALREADY_CONFIRMED");
	}

	@Test
	void confirmWhenNotAuthorizedAndUserInvitedThenNotConfirmable() {
		String username = newUsername("invited");
		this.cognito.adminCreateUser(username);
		this.wire.fail("ConfirmSignUp", username, 400, "NotAuthorizedException");

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body(TestPools.PUBLIC_CLIENT, username, TestPools.CODE));

		assertProblem(response, 409, "USER_NOT_CONFIRMABLE");
		assertThat(response.getBody().path("userStatus").asString()).isEqualTo("FORCE_CHANGE_PASSWORD");
	}

	@Test
	void confirmWhenUserMissingThenUserNotFound() {
		// The emulator answers NotAuthorized for a missing user; the status lookup tells.
		ResponseEntity<JsonNode> emulated = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body(TestPools.PUBLIC_CLIENT, newUsername("ghost"), TestPools.CODE));
		// Real Cognito answers UserNotFoundException.
		String username = newUsername("ghost");
		this.wire.fail("ConfirmSignUp", username, 400, "UserNotFoundException");
		ResponseEntity<JsonNode> real = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body(TestPools.PUBLIC_CLIENT, username, TestPools.CODE));

		assertProblem(emulated, 404, "USER_NOT_FOUND");
		assertProblem(real, 404, "USER_NOT_FOUND");
	}

	@Test
	void confirmWhenClientNotConfiguredThenAppClientNotManaged() {
		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body("someotherclient", "anyone", TestPools.CODE));

		assertProblem(response, 404, "APP_CLIENT_NOT_MANAGED");
		assertThat(this.wire.requests("ConfirmSignUp")).isEmpty();
	}

	@Test
	void confirmWhenAliasHeldByAnotherUserThenAliasExists() {
		String username = newUsername("alias");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.fail("ConfirmSignUp", username, 400, "AliasExistsException");

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body(TestPools.PUBLIC_CLIENT, username, TestPools.CODE));

		assertProblem(response, 409, "ALIAS_EXISTS");
	}

	@Test
	void confirmWhenForceAliasCreationThenPassedToCognito() {
		String username = newUsername("force");
		this.cognito.signUp(username, username + "@example.com");
		Map<String, Object> body = body(TestPools.PUBLIC_CLIENT, username, TestPools.CODE);
		body.put("forceAliasCreation", true);
		body.put("clientMetadata", Map.of("ticket", "SUP-1"));
		body.put("userContextData", Map.of("ipAddress", "192.0.2.1", "encodedData", "abc"));
		body.put("analyticsMetadata", Map.of("analyticsEndpointId", "endpoint-1"));

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, admin(), body);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode wireBody = this.json.readTree(this.wire.requests("ConfirmSignUp", username).get(0).getBodyAsString());
		assertThat(wireBody.path("ForceAliasCreation").asBoolean()).isTrue();
		assertThat(wireBody.path("ClientMetadata").path("ticket").asString()).isEqualTo("SUP-1");
		assertThat(wireBody.path("UserContextData").path("IpAddress").asString()).isEqualTo("192.0.2.1");
		assertThat(wireBody.path("UserContextData").path("EncodedData").asString()).isEqualTo("abc");
		assertThat(wireBody.path("AnalyticsMetadata").path("AnalyticsEndpointId").asString()).isEqualTo("endpoint-1");
	}

	@Test
	void confirmWhenTooManyFailedAttemptsThenTooManyFailedAttempts() {
		String username = newUsername("attempts");
		this.wire.fail("ConfirmSignUp", username, 400, "TooManyFailedAttemptsException");

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(),
				body(TestPools.PUBLIC_CLIENT, username, TestPools.CODE));

		assertProblem(response, 429, "TOO_MANY_FAILED_ATTEMPTS");
		assertThat(this.wire.requests("ConfirmSignUp", username)).hasSize(1);
	}

	static Map<String, Object> body(String clientId, String username, String code) {
		Map<String, Object> body = new HashMap<>();
		body.put("clientId", clientId);
		body.put("username", username);
		body.put("confirmationCode", code);
		return body;
	}

}
