package com.acme.confirm.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.RawHttp;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies held to their operation's limit before anything binds them, and the JSON parser
 * held to what the contract's bodies can be.
 */
class RequestLimitsTests extends IntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CONFIRM = "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/confirm-sign-up";

	private static final String ADMIN_CONFIRM = "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up";

	private static final String BATCH = ADMIN_CONFIRM + "/batch";

	@Test
	void bodyWithContentLengthPastLimitThenPayloadTooLargeBeforeTheTokenIsChecked() throws Exception {
		byte[] body = JSON.writeValueAsBytes(
				Map.of("clientId", "webclient1", "username", "huge", "confirmationCode", "1".repeat(70 * 1024)));

		// No token at all: the limit answers before authentication would (401).
		RawHttp.Answer answer = RawHttp
			.exchange(
					port(), RawHttp.head("POST " + CONFIRM + " HTTP/1.1", "Host: localhost",
							"Content-Type: application/json", "Content-Length: " + body.length),
					(out) -> out.write(body));

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(answer.header("Connection")).isEqualTo("close");
		assertProblem(answer.json(), 413, "PAYLOAD_TOO_LARGE");
		assertThat(answer.json().path("correlationId").asString()).isNotEmpty();
		assertThat(this.wire.requests("ConfirmSignUp")).isEmpty();
	}

	@Test
	void chunkedBodyPastLimitThenPayloadTooLargeAndAuditedOnce() throws Exception {
		String correlationId = "chunked-" + UUID.randomUUID();
		// Whitespace goes on for 8 MB: no string grows past the parser's limit before the
		// body's is reached.
		byte[] prefix = "{\"clientId\":\"webclient1\",\"username\":\"huge\",".getBytes(StandardCharsets.US_ASCII);

		RawHttp.Answer answer = RawHttp.exchange(port(),
				RawHttp.head("POST " + CONFIRM + " HTTP/1.1", "Host: localhost", "Content-Type: application/json",
						"Authorization: Bearer " + admin(), "X-Correlation-Id: " + correlationId,
						"Transfer-Encoding: chunked"),
				RawHttp.chunked(prefix, 8L * 1024 * 1024, (byte) ' '));

		assertThat(answer.status()).isEqualTo(413);
		assertProblem(answer.json(), 413, "PAYLOAD_TOO_LARGE");
		assertThat(answer.json().path("detail").asString()).contains(Long.toString(64 * 1024));
		assertThat(rowsOf(correlationId)).singleElement()
			.satisfies((row) -> assertThat(row.get("error_code")).isEqualTo("PAYLOAD_TOO_LARGE"));
		assertThat(this.wire.requests("ConfirmSignUp")).isEmpty();
	}

	@Test
	void batchOfHundredUsernamesWithMetadataFitsItsLimitThatASingleOperationRefuses() {
		// The longest usernames, keys and values, in characters of 3 and 4 bytes.
		Map<String, Object> body = Map.of("usernames", longUsernames(100), "clientMetadata", longKeys(50), "reason",
				"r".repeat(500));
		assertThat(JSON.writeValueAsBytes(body).length).isBetween(64 * 1024 + 1, 256 * 1024);

		// A caller with no roles: the batch is read and refused for its permission.
		ResponseEntity<JsonNode> batch = this.api.post(BATCH, this.idp.token("nobody-limits"), body);
		ResponseEntity<JsonNode> single = this.api.post(ADMIN_CONFIRM, admin(), body);

		assertProblem(batch, 403, "FORBIDDEN");
		assertProblem(single, 413, "PAYLOAD_TOO_LARGE");
	}

	@Test
	void nameGivenTwiceThenValidationFailedAndNothingCalled() {
		String first = newUsername("dup-a");
		String second = newUsername("dup-b");

		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.POST, ADMIN_CONFIRM, admin(),
				"{\"username\":\"" + first + "\",\"username\":\"" + second + "\"}",
				Map.of("Content-Type", "application/json"));

		assertProblem(response, 400, "VALIDATION_FAILED");
		assertThat(this.wire.requests("AdminGetUser", first)).isEmpty();
		assertThat(this.wire.requests("AdminGetUser", second)).isEmpty();
	}

	@Test
	void stringLongerThanAnyTheContractAllowsThenRefusedByTheParserNotBound() {
		String username = newUsername("long-string");

		ResponseEntity<JsonNode> response = this.api.post(ADMIN_CONFIRM, admin(),
				Map.of("username", username, "reason", "r".repeat(JsonReadConfiguration.MAX_STRING_LENGTH + 1)));

		assertProblem(response, 400, "VALIDATION_FAILED");
		// The parser stopped at the string: nothing was bound, so no field is named.
		assertThat(response.getBody().path("detail").asString()).contains("not valid JSON");
		assertThat(this.wire.requests("AdminGetUser", username)).isEmpty();
	}

	private List<Map<String, Object>> rowsOf(String correlationId) {
		return this.database.rowMaps("SELECT * FROM audit_event WHERE correlation_id = ?", correlationId);
	}

	private int port() {
		return URI.create(this.api.baseUrl()).getPort();
	}

	static List<String> longUsernames(int count) {
		return java.util.stream.IntStream.range(0, count)
			.mapToObj((i) -> String.format("%03d-", i) + "\uD83D\uDE00".repeat(62))
			.toList();
	}

	static Map<String, String> longKeys(int count) {
		Map<String, String> metadata = new java.util.TreeMap<>();
		for (int i = 0; i < count; i++) {
			metadata.put(String.format("%02d-", i) + "\u4E2D".repeat(125), "\u4E2D".repeat(256));
		}
		return metadata;
	}

}
