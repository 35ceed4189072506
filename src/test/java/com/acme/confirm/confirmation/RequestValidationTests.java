package com.acme.confirm.confirmation;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets VALIDATION_FAILED naming the field, and Cognito is never called.
 */
class RequestValidationTests extends IntegrationTests {

	/** Generated usernames that break Cognito's constraints. */
	static Stream<Arguments> invalidUsernames() {
		Random random = new Random(42);
		Stream<String> tooLong = IntStream.range(0, 5).mapToObj((i) -> "u".repeat(129 + random.nextInt(300)));
		Stream<String> withSpace = IntStream.range(0, 10)
			.mapToObj((i) -> randomLetters(random, 1 + random.nextInt(20)) + randomWhitespace(random)
					+ randomLetters(random, 1 + random.nextInt(20)));
		return Stream.concat(Stream.concat(tooLong, withSpace), Stream.of("", "\u0000abc", "tab\there"))
			.map(Arguments::of);
	}

	/** Generated usernames of letters, marks, symbols, numbers and punctuation. */
	static Stream<Arguments> validUsernames() {
		Random random = new Random(7);
		String alphabet = "aZ0é漢ß/+%\"'!#$&*<>?@[]^_`{|}~-.,:;ü\u0301Ω€";
		return IntStream.range(0, 20).mapToObj((i) -> {
			StringBuilder name = new StringBuilder();
			int length = 1 + random.nextInt(40);
			for (int c = 0; c < length; c++) {
				name.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			return Arguments.of(name.toString());
		});
	}

	@ParameterizedTest
	@MethodSource("invalidUsernames")
	void adminConfirmWhenUsernameInvalidThenValidationFailedAndCognitoNotCalled(String username) {
		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertProblem(response, 400, "VALIDATION_FAILED");
		assertThat(response.getBody().path("errors").get(0).path("field").asString()).isEqualTo("username");
		assertThat(this.wire.requests("AdminGetUser")).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("validUsernames")
	void adminConfirmWhenUsernameHasAnyCognitoCharacterThenReachesCognitoIntact(String username) {
		this.cognito.signUp(username, "someone@example.com");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("username").asString()).isEqualTo(username);
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
	}

	@Test
	void confirmWhenUsernameHasSlashPlusPercentQuoteAndUnicodeThenConfirmedWithCode() {
		String username = "zoë/ü+%\"quoted'" + newUsername("").substring(1);
		this.cognito.signUp(username, "zoe@example.com");

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(),
				Map.of("clientId", TestPools.SECRET_CLIENT, "username", username, "confirmationCode", TestPools.CODE));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
	}

	@Test
	void confirmWhenCodeHasWhitespaceOrIsTooLongThenValidationFailedWithoutEcho() {
		String spaced = "12 34";
		String tooLong = "9".repeat(2049);

		ResponseEntity<JsonNode> first = this.api.confirm(TestPools.CUSTOMERS, agent(),
				Map.of("clientId", TestPools.PUBLIC_CLIENT, "username", "jane", "confirmationCode", spaced));
		ResponseEntity<JsonNode> second = this.api.confirm(TestPools.CUSTOMERS, agent(),
				Map.of("clientId", TestPools.PUBLIC_CLIENT, "username", "jane", "confirmationCode", tooLong));

		for (ResponseEntity<JsonNode> response : java.util.List.of(first, second)) {
			assertThat(response.getStatusCode().value()).isEqualTo(400);
			assertThat(response.getBody().path("errors").get(0).path("field").asString()).isEqualTo("confirmationCode");
		}
		assertThat(first.getBody().toString()).doesNotContain(spaced);
		assertThat(second.getBody().toString()).doesNotContain(tooLong);
		assertThat(this.wire.requests("ConfirmSignUp")).isEmpty();
	}

	@Test
	void adminConfirmWhenClientMetadataBreaksLimitsThenEachFieldNamed() {
		Map<String, String> tooMany = new HashMap<>();
		IntStream.range(0, 51).forEach((i) -> tooMany.put("k" + i, "v"));
		Map<String, Object> body = Map.of("username", "jane", "clientMetadata", tooMany, "reason", "r".repeat(501));

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(), body);
		ResponseEntity<JsonNode> longValue = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", "jane", "clientMetadata", Map.of("ticket", "v".repeat(257))));

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody().path("errors").findValuesAsString("field")).contains("clientMetadata", "reason");
		assertThat(longValue.getStatusCode().value()).isEqualTo(400);
		assertThat(longValue.getBody().path("errors").get(0).path("field").asString()).startsWith("clientMetadata");
		assertThat(longValue.getBody().toString()).doesNotContain("v".repeat(257));
		assertThat(this.wire.requests("AdminGetUser")).isEmpty();
	}

	private static String randomLetters(Random random, int length) {
		StringBuilder letters = new StringBuilder();
		for (int i = 0; i < length; i++) {
			letters.append((char) ('a' + random.nextInt(26)));
		}
		return letters.toString();
	}

	private static String randomWhitespace(Random random) {
		return String.valueOf(" \t\n\u00a0\u2003".charAt(random.nextInt(5)));
	}

}
