package com.acme.confirm.cognito;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Cognito calls of a pool with {@code source-identity} are signed with an STS session
 * whose SourceIdentity is the caller. WireMock stands in for STS (AssumeRole in STS's
 * query protocol and XML answers, its ErrorResponse for a refusal); cognito-local, which
 * accepts any signature, answers the Cognito calls, and WireMock's journal shows how they
 * were signed.
 */
class SourceIdentityTests extends IntegrationTests {

	@Test
	void confirmOnSignedPoolThenAssumeRoleCarriesMappedSubjectAndCognitoIsSignedWithTheSession() {
		String subject = "Jane Doe <jane+" + UUID.randomUUID() + "@acme.example>";
		String identity = SourceIdentities.of(subject);
		String keyId = accessKeyId();
		this.wire.onAssumeRole(identity, keyId);
		String username = newUsername("signed");
		this.cognito.signUp(TestPools.SIGNED_CLIENT, username, username + "@example.com");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.SIGNED, this.idp.token(subject, "staff"),
				Map.of("username", username));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(this.wire.assumeRoleRequests(identity)).singleElement().satisfies((assumeRole) -> {
			assertThat(assumeRole.getBodyAsString()).contains("RoleArn=" + encoded(TestPools.SOURCE_IDENTITY_ROLE))
				.contains("SourceIdentity=" + encoded(identity))
				.contains("RoleSessionName=" + encoded(identity));
			// assumed straight from the default chain, not through another session
			assertThat(assumeRole.getHeader("Authorization")).contains("Credential=test-access-key/");
		});
		assertSignedBy(this.wire.requests("AdminGetUser", username).get(0), keyId);
		assertSignedBy(this.wire.requests("AdminConfirmSignUp", username).get(0), keyId);
		assertThat(this.cognito.user(TestPools.SIGNED, username).userStatusAsString()).isEqualTo("CONFIRMED");
		assertThat(auditRows(username)).singleElement()
			.satisfies((row) -> assertThat(row.get("actor_source_identity")).isEqualTo(identity));
		JsonNode event = this.api
			.exchange(HttpMethod.GET, "/api/v1/audit-events?username=" + username,
					this.idp.token("auditor-1", "auditor"), null, Map.of())
			.getBody()
			.path("events")
			.get(0);
		assertThat(event.path("actor").path("subject").asString()).isEqualTo(subject);
		assertThat(event.path("actor").path("sourceIdentity").asString()).isEqualTo(identity);
	}

	@Test
	void callsBySameCallerReuseTheSessionAndAnotherCallerGetsItsOwn() {
		String first = "agent-" + UUID.randomUUID();
		String second = "agent-" + UUID.randomUUID();
		String firstKey = accessKeyId();
		String secondKey = accessKeyId();
		this.wire.onAssumeRole(first, firstKey);
		this.wire.onAssumeRole(second, secondKey);
		String username = newUsername("reads");
		this.cognito.signUp(TestPools.SIGNED_CLIENT, username, username + "@example.com");

		for (int i = 0; i < 3; i++) {
			assertThat(status(first, username).getStatusCode().value()).isEqualTo(200);
		}
		assertThat(status(second, username).getStatusCode().value()).isEqualTo(200);

		assertThat(this.wire.assumeRoleRequests(first)).hasSize(1);
		assertThat(this.wire.assumeRoleRequests(second)).hasSize(1);
		assertThat(this.wire.requests("AdminGetUser", username)).hasSize(4).satisfies((calls) -> {
			calls.subList(0, 3).forEach((call) -> assertSignedBy(call, firstKey));
			assertSignedBy(calls.get(3), secondKey);
		});
	}

	@Test
	void callWhenStsRefusesTheSessionThenProblemAndCognitoIsNotCalled() {
		String subject = "agent-" + UUID.randomUUID();
		this.wire.failAssumeRole(subject, 403, "AccessDenied");
		String username = newUsername("refused");
		this.cognito.signUp(TestPools.SIGNED_CLIENT, username, username + "@example.com");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.SIGNED, this.idp.token(subject, "staff"),
				Map.of("username", username));

		JsonNode problem = assertProblem(response, 503, "SOURCE_IDENTITY_UNAVAILABLE");
		assertThat(problem.path("detail").asString()).contains("AccessDenied").contains("Cognito was not called");
		assertThat(this.wire.assumeRoleRequests(subject)).isNotEmpty();
		assertThat(this.wire.requests("AdminGetUser", username)).isEmpty();
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).isEmpty();
		assertThat(this.cognito.user(TestPools.SIGNED, username).userStatusAsString()).isEqualTo("UNCONFIRMED");
		assertThat(auditRows(username)).singleElement().satisfies((row) -> {
			assertThat(row.get("error_code")).isEqualTo("SOURCE_IDENTITY_UNAVAILABLE");
			assertThat(row.get("actor_source_identity")).isEqualTo(subject);
		});
	}

	@Test
	void poolWithoutSourceIdentityIsStillSignedByTheServicesOwnCredentials() {
		String username = newUsername("plain");
		this.cognito.signUp(username, username + "@example.com");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(this.wire.requests("AdminConfirmSignUp", username).get(0).getHeader("Authorization"))
			.contains("Credential=test-access-key/");
		assertThat(this.wire.assumeRoleRequests()).isEmpty();
		assertThat(auditRows(username)).singleElement()
			.satisfies((row) -> assertThat(row.get("actor_source_identity")).isNull());
	}

	private ResponseEntity<JsonNode> status(String subject, String username) {
		return this.api.exchange(HttpMethod.GET,
				"/api/v1/user-pools/" + TestPools.SIGNED + "/user-status?username=" + username,
				this.idp.token(subject, "staff"), null, Map.of());
	}

	private static void assertSignedBy(LoggedRequest request, String accessKeyId) {
		assertThat(request.getHeader("Authorization")).contains("Credential=" + accessKeyId + "/");
		assertThat(request.getHeader("X-Amz-Security-Token")).isEqualTo("token-of-" + accessKeyId);
	}

	private static String accessKeyId() {
		return "ASIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
