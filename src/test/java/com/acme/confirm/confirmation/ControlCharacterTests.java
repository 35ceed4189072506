package com.acme.confirm.confirmation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No text field takes a control character (NUL included): the request is refused naming
 * the field, and its attempt is audited all the same. clientMetadata keys have a pattern
 * that makes every key of an accepted request fit its audit event.
 */
class ControlCharacterTests extends IntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ADMIN_CONFIRM = "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up";

	private static final String CONFIRM = "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/confirm-sign-up";

	static Stream<Arguments> fieldsWithControlCharacters() {
		return Stream.of("\u0000", "\u0007", "\n", "\u001b", "\u007f", "\u0085")
			.flatMap((control) -> Stream.of(
					Arguments.of(ADMIN_CONFIRM, "reason", Map.of("reason", "SUP-1" + control + "forged")),
					Arguments.of(ADMIN_CONFIRM, "clientMetadata",
							Map.of("clientMetadata", Map.of("ticket" + control, "SUP-1"))),
					Arguments.of(ADMIN_CONFIRM, "clientMetadata",
							Map.of("clientMetadata", Map.of("ticket", "SUP" + control))),
					Arguments.of(CONFIRM, "confirmationCode",
							Map.of("clientId", "webclient1", "confirmationCode", "12" + control + "34")),
					Arguments.of(CONFIRM, "userContextData.encodedData", Map.of("clientId", "webclient1",
							"confirmationCode", "1234", "userContextData", Map.of("encodedData", "e" + control)))));
	}

	@ParameterizedTest(name = "{1} with {2}")
	@MethodSource("fieldsWithControlCharacters")
	void textWithControlCharacterThenValidationFailedNamingTheFieldAndAudited(String path, String field,
			Map<String, Object> fields) {
		String username = newUsername("control");
		this.cognito.signUp(username, username + "@example.com");
		Map<String, Object> body = new LinkedHashMap<>(fields);
		body.put("username", username);
		String correlationId = "control-" + UUID.randomUUID();

		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.POST, path, admin(),
				JSON.writeValueAsString(body),
				Map.of("Content-Type", "application/json", "X-Correlation-Id", correlationId));

		assertProblem(response, 400, "VALIDATION_FAILED");
		assertThat(response.getBody().path("errors").findValuesAsString("field"))
			.anySatisfy((named) -> assertThat(named).startsWith(field));
		assertThat(this.database.rowMaps("SELECT * FROM audit_event WHERE correlation_id = ?", correlationId))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.get("error_code")).isEqualTo("VALIDATION_FAILED");
				assertThat(row.get("target_username")).isEqualTo(username);
			});
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
	}

	@Test
	void reasonWithNulThenRefusedNotAuditUnavailable() {
		String username = newUsername("nul-reason");
		this.cognito.signUp(username, username + "@example.com");

		ResponseEntity<JsonNode> response = this.api.post(ADMIN_CONFIRM, admin(),
				Map.of("username", username, "reason", "SUP-1\u0000"));

		assertProblem(response, 400, "VALIDATION_FAILED");
		assertThat(auditRows(username)).singleElement()
			.satisfies((row) -> assertThat(row.get("reason")).isEqualTo("SUP-1\uFFFD"));
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).isEmpty();
	}

	static Stream<Arguments> generatedKeys() {
		return Stream.of(1L, 2L, 3L, 4L).map((seed) -> Arguments.of(seed, keys(new Random(seed))));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("generatedKeys")
	void fiftyLongestKeysAcceptedThenEveryKeyInTheAuditEvent(long seed, List<String> keys) {
		String username = newUsername("keys-" + seed);
		this.cognito.signUp(username, username + "@example.com");
		Map<String, String> metadata = new LinkedHashMap<>();
		keys.forEach((key) -> metadata.put(key, "v"));

		ResponseEntity<JsonNode> response = this.api.post(ADMIN_CONFIRM, admin(),
				Map.of("username", username, "clientMetadata", metadata));

		assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
		String stored = (String) auditRows(username).get(0).get("client_metadata_keys");
		assertThat(JSON.readValue(stored, String[].class)).containsExactlyInAnyOrderElementsOf(keys);
	}

	@Test
	void keysWithQuoteOrBackslashThenValidationFailed() {
		for (String key : List.of("a\"b", "a\\b")) {
			ResponseEntity<JsonNode> response = this.api.post(ADMIN_CONFIRM, admin(),
					Map.of("username", newUsername("quote-key"), "clientMetadata", Map.of(key, "v")));

			assertProblem(response, 400, "VALIDATION_FAILED");
		}
	}

	/**
	 * 50 keys of 128 characters drawn from what the key pattern allows: ASCII
	 * punctuation, letters of several scripts, symbols, characters outside the BMP.
	 */
	private static List<String> keys(Random random) {
		String[] alphabet = { "a", "Z", "0", "-", "_", ".", ":", "/", " ", "ë", "ß", "中", "я", "€", "😀", "'", "<", "&",
				"\u00a0", "\u2028" };
		List<String> keys = new ArrayList<>();
		while (keys.size() < 50) {
			StringBuilder key = new StringBuilder(String.format("%02d", keys.size()));
			while (true) {
				String next = alphabet[random.nextInt(alphabet.length)];
				if (key.length() + next.length() > 128) {
					break;
				}
				key.append(next);
			}
			keys.add(key.toString());
		}
		return keys;
	}

}
