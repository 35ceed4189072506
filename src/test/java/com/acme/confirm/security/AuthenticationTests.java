package com.acme.confirm.security;

import java.util.List;
import java.util.Map;

import com.acme.confirm.support.IdentityProvider;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static com.acme.confirm.support.ProblemAssert.assertProblemJson;
import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTests extends IntegrationTests {

	@Test
	void callWhenNoTokenThenUnauthenticatedProblem() {
		String username = newUsername("anon");
		this.cognito.signUp(username, username + "@example.com");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, null,
				Map.of("username", username));

		assertUnauthenticated(response);
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
	}

	@Test
	void callWhenTokenExpiredThenUnauthenticated() {
		String token = this.idp.token(IdentityProvider.ISSUER_ID, "admin-1", IdentityProvider.AUDIENCE,
				Map.of("roles", List.of("user-admin")), -3600);

		assertUnauthenticated(this.api.adminConfirm(TestPools.CUSTOMERS, token, Map.of("username", "x")));
	}

	@Test
	void callWhenTokenFromUntrustedIssuerThenUnauthenticated() {
		String token = this.idp.token(IdentityProvider.OTHER_ISSUER_ID, "admin-1", IdentityProvider.AUDIENCE,
				Map.of("roles", List.of("user-admin")), 3600);

		assertUnauthenticated(this.api.adminConfirm(TestPools.CUSTOMERS, token, Map.of("username", "x")));
	}

	@Test
	void callWhenTokenForAnotherAudienceThenUnauthenticated() {
		String token = this.idp.token(IdentityProvider.ISSUER_ID, "admin-1", "some-other-service",
				Map.of("roles", List.of("user-admin")), 3600);

		assertUnauthenticated(this.api.adminConfirm(TestPools.CUSTOMERS, token, Map.of("username", "x")));
	}

	@Test
	void callWhenTokenTamperedThenUnauthenticated() {
		String token = admin();
		String tampered = token.substring(0, token.length() - 4) + "AAAA";

		assertUnauthenticated(this.api.adminConfirm(TestPools.CUSTOMERS, tampered, Map.of("username", "x")));
	}

	@Test
	void healthWhenAnonymousThenOpen() {
		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.GET, "/actuator/health", null, null, Map.of());

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("status").asString()).isEqualTo("UP");
	}

	@Test
	void metricsWhenNotOperatorThenForbiddenAndWhenOperatorThenShown() {
		ResponseEntity<JsonNode> anonymous = this.api.exchange(HttpMethod.GET, "/actuator/metrics", null, null,
				Map.of());
		ResponseEntity<JsonNode> admin = this.api.exchange(HttpMethod.GET, "/actuator/metrics", admin(), null,
				Map.of());
		ResponseEntity<JsonNode> operator = this.api.exchange(HttpMethod.GET, "/actuator/metrics",
				this.idp.token("ops-1", "operator"), null, Map.of());

		assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
		assertProblem(admin, 403, "FORBIDDEN");
		assertThat(operator.getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void preflightWhenOriginAllowedThenCorsHeaders() {
		ResponseEntity<JsonNode> response = preflight("https://admin.example.com");

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getAccessControlAllowOrigin()).isEqualTo("https://admin.example.com");
		assertThat(response.getHeaders().getAccessControlAllowMethods()).contains(HttpMethod.POST);
		assertThat(response.getHeaders().getAccessControlAllowHeaders()).anyMatch("authorization"::equalsIgnoreCase);
	}

	@Test
	void preflightWhenOriginUnknownThenRefused() {
		ResponseEntity<JsonNode> response = preflight("https://evil.example.com");

		assertThat(response.getStatusCode().value()).isEqualTo(403);
		assertThat(response.getHeaders().getAccessControlAllowOrigin()).isNull();
	}

	@Test
	void callWhenAllowedOriginThenAllowOriginOnResponse() {
		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.POST,
				"/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up", admin(),
				"{\"username\":\"" + newUsername("cors") + "\"}", Map.of(HttpHeaders.ORIGIN,
						"https://admin.example.com", HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE));

		assertThat(response.getHeaders().getAccessControlAllowOrigin()).isEqualTo("https://admin.example.com");
		assertThat(response.getHeaders().getAccessControlExposeHeaders()).contains("X-Correlation-Id");
	}

	private ResponseEntity<JsonNode> preflight(String origin) {
		return this.api.exchange(HttpMethod.OPTIONS,
				"/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up", null, null,
				Map.of(HttpHeaders.ORIGIN, origin, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST",
						HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type"));
	}

	private static void assertUnauthenticated(ResponseEntity<JsonNode> response) {
		assertProblemJson(response, 401, "UNAUTHENTICATED");
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		assertThat(response.getBody().path("type").asString()).endsWith("/unauthenticated");
		assertThat(response.getBody().path("correlationId").asString())
			.isEqualTo(response.getHeaders().getFirst("X-Correlation-Id"));
	}

}
