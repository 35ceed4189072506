package com.acme.confirm.web;

import java.util.Map;

import com.acme.confirm.correlation.CorrelationId;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblemJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's own rejections come out as the API's problem details too.
 */
class ProblemDetailsTests extends IntegrationTests {

	private static final String ADMIN_CONFIRM = "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up";

	@Test
	void postWhenMalformedJsonThenValidationFailedWithoutEchoingInput() {
		ResponseEntity<JsonNode> response = raw(HttpMethod.POST, ADMIN_CONFIRM, "{\"username\": \"secret-ish",
				MediaType.APPLICATION_JSON_VALUE);

		assertProblem(response, 400, "VALIDATION_FAILED");
		assertThat(response.getBody().toString()).doesNotContain("secret-ish");
	}

	@Test
	void postWhenUnknownFieldThenValidationFailedNamingIt() {
		ResponseEntity<JsonNode> response = raw(HttpMethod.POST, ADMIN_CONFIRM,
				"{\"username\": \"jane\", \"markEmailVerifed\": true}", MediaType.APPLICATION_JSON_VALUE);

		assertProblem(response, 400, "VALIDATION_FAILED");
		assertThat(response.getBody().path("errors").get(0).path("field").asString()).isEqualTo("markEmailVerifed");
	}

	@Test
	void postWhenWrongTypeThenValidationFailedNamingField() {
		ResponseEntity<JsonNode> response = raw(HttpMethod.POST, ADMIN_CONFIRM,
				"{\"username\": \"jane\", \"clientMetadata\": [1, 2]}", MediaType.APPLICATION_JSON_VALUE);

		assertProblem(response, 400, "VALIDATION_FAILED");
		assertThat(response.getBody().path("errors").get(0).path("field").asString()).isEqualTo("clientMetadata");
	}

	@Test
	void postWhenNoBodyThenValidationFailed() {
		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.POST, ADMIN_CONFIRM, admin(), null,
				Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE));

		assertProblem(response, 400, "VALIDATION_FAILED");
	}

	@Test
	void postWhenWrongMediaTypeThenUnsupportedMediaType() {
		ResponseEntity<JsonNode> response = raw(HttpMethod.POST, ADMIN_CONFIRM, "username=jane",
				MediaType.APPLICATION_FORM_URLENCODED_VALUE);

		assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void getWhenPostOnlyThenMethodNotAllowed() {
		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.GET, ADMIN_CONFIRM, admin(), null, Map.of());

		assertProblem(response, 405, "METHOD_NOT_ALLOWED");
		assertThat(response.getHeaders().getAllow()).contains(HttpMethod.POST);
	}

	@Test
	void getWhenUnknownPathThenNotFound() {
		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.GET, "/api/v1/nothing-here", admin(), null,
				Map.of());

		assertProblem(response, 404, "NOT_FOUND");
	}

	@Test
	void postWhenPoolIdMalformedThenValidationFailedNamingPathVariable() {
		ResponseEntity<JsonNode> response = this.api.adminConfirm("no-underscore", admin(), Map.of("username", "jane"));

		assertProblem(response, 400, "VALIDATION_FAILED");
		assertThat(response.getBody().path("errors").get(0).path("field").asString()).isEqualTo("userPoolId");
	}

	@Test
	void requestWhenCorrelationIdGivenThenEchoedInHeaderAndProblem() {
		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.GET, "/api/v1/nothing-here", admin(), null,
				Map.of(CorrelationId.HEADER, "ticket-42.retry_1"));

		assertThat(response.getHeaders().getFirst(CorrelationId.HEADER)).isEqualTo("ticket-42.retry_1");
		assertThat(response.getBody().path("correlationId").asString()).isEqualTo("ticket-42.retry_1");
	}

	@Test
	void requestWhenCorrelationIdUnsafeThenReplaced() {
		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.GET, "/api/v1/nothing-here", admin(), null,
				Map.of(CorrelationId.HEADER, "x\tinjected=1"));

		assertThat(response.getHeaders().getFirst(CorrelationId.HEADER)).isNotEqualTo("x\tinjected=1").hasSize(36);
	}

	private ResponseEntity<JsonNode> raw(HttpMethod method, String path, String body, String contentType) {
		return this.api.exchange(method, path, admin(), body, Map.of(HttpHeaders.CONTENT_TYPE, contentType));
	}

	/**
	 * The problem as an application/problem+json answer, with every member the API gives
	 * a problem.
	 */
	static void assertProblem(ResponseEntity<JsonNode> response, int status, String code) {
		JsonNode body = assertProblemJson(response, status, code);
		assertThat(body.path("type").asString())
			.isEqualTo("https://problems.cognito-confirm.acme.com/" + code.toLowerCase().replace('_', '-'));
		assertThat(body.path("title").asString()).isNotBlank();
		assertThat(body.path("detail").asString()).isNotBlank();
		assertThat(body.path("instance").asString()).startsWith("/");
		assertThat(body.path("correlationId").asString()).isNotBlank();
		assertThat(body.has("trace")).isFalse();
		assertThat(body.has("exception")).isFalse();
	}

}
