package com.acme.confirm.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one audit event records: every field of the contract for a confirmation, the actor
 * of a denied call, and an invalid or malformed body's failure without its secrets.
 */
class AuditEventContentTests extends IntegrationTests {

	private final AuditTrailApi auditTrail = new AuditTrailApi(() -> this.api, this.idp);

	@Test
	void confirmWhenSucceededThenEventHasEveryContractField() {
		String username = newUsername("audited");
		this.cognito.signUp(username, username + "@example.com");

		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.POST, adminConfirmPath(), admin(),
				"{\"username\":\"" + username + "\",\"reason\":\"SUP-1 by phone\",\"clientMetadata\":"
						+ "{\"ticket\":\"SUP-1-value\",\"channel\":\"phone-value\"}}",
				Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE, HttpHeaders.USER_AGENT,
						"support-cli/1.2", "X-Correlation-Id", "corr-" + username));

		JsonNode event = this.auditTrail.onlyEvent("username=" + username);
		assertThat(event.path("id").asString()).isEqualTo(response.getBody().path("auditEventId").asString());
		assertThat(event.path("action").asString()).isEqualTo("ADMIN_CONFIRM_SIGN_UP");
		assertThat(event.path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(event.has("errorCode")).isFalse();
		assertThat(event.path("actor").path("subject").asString()).isEqualTo("admin-1");
		assertThat(event.path("actor").path("issuer").asString()).isEqualTo(this.idp.issuerUri());
		assertThat(event.path("actor").path("clientId").asString()).isEqualTo(claim(admin(), "azp"));
		assertThat(event.path("actor").path("roles").get(0).asString()).isEqualTo("user-admin");
		assertThat(event.path("target").path("userPoolId").asString()).isEqualTo(TestPools.CUSTOMERS);
		assertThat(event.path("target").path("username").asString()).isEqualTo(username);
		assertThat(event.path("reason").asString()).isEqualTo("SUP-1 by phone");
		assertThat(event.path("clientMetadataKeys").toString()).isEqualTo("[\"channel\",\"ticket\"]");
		assertThat(event.path("correlationId").asString()).isEqualTo("corr-" + username);
		assertThat(event.path("cognitoRequestId").asString()).isNotBlank();
		assertThat(event.path("sourceIp").asString()).isEqualTo("127.0.0.1");
		assertThat(event.path("userAgent").asString()).isEqualTo("support-cli/1.2");
		assertThat(event.path("durationMs").asLong()).isNotNegative();
		assertThat(Instant.parse(event.path("completedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(event.path("occurredAt").asString()));
		assertThat(rowText(username)).doesNotContain("SUP-1-value").doesNotContain("phone-value");
	}

	@Test
	void confirmWhenDeniedThenDeniedEventWithActor() {
		String username = newUsername("denied");

		this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", username));

		JsonNode event = this.auditTrail.onlyEvent("username=" + username);
		assertThat(event.path("outcome").asString()).isEqualTo("DENIED");
		assertThat(event.path("errorCode").asString()).isEqualTo("FORBIDDEN");
		assertThat(event.path("actor").path("subject").asString()).isEqualTo("agent-1");
	}

	@Test
	void confirmWhenBodyInvalidThenFailedEventWithActorAndNoSecrets() {
		String username = newUsername("invalid");

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(), Map.of("clientId",
				TestPools.PUBLIC_CLIENT, "username", username, "confirmationCode", "has whitespace-CODE-77"));

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		JsonNode event = this.auditTrail.onlyEvent("username=" + username);
		assertThat(event.path("id").asString()).isEqualTo(response.getBody().path("auditEventId").asString());
		assertThat(event.path("action").asString()).isEqualTo("CONFIRM_SIGN_UP");
		assertThat(event.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(event.path("errorCode").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(event.path("actor").path("subject").asString()).isEqualTo("agent-1");
		assertThat(event.path("target").path("appClientId").asString()).isEqualTo(TestPools.PUBLIC_CLIENT);
		assertThat(rowText(username)).doesNotContain("CODE-77");
	}

	@Test
	void confirmWhenBodyMalformedThenFailedEventForThePool() {
		String actor = newUsername("malformed-actor");

		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.POST, adminConfirmPath(),
				this.idp.token(actor, "user-admin"), "{\"username\": ",
				Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE));

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		JsonNode event = this.auditTrail.onlyEvent("actor=" + actor);
		assertThat(event.path("errorCode").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(event.path("target").path("userPoolId").asString()).isEqualTo(TestPools.CUSTOMERS);
	}

	private static String claim(String token, String name) {
		String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		return JsonMapper.builder().build().readTree(payload).path(name).asString();
	}

	/** Every column of a username's audit rows, as text. */
	private String rowText(String username) {
		return this.database.rows("SELECT * FROM audit_event WHERE target_username = ?", username).toString();
	}

	private static String adminConfirmPath() {
		return "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up";
	}

}
