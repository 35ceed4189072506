package com.acme.confirm.job;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CsvUsernamesTests {

	@Test
	void nextWhenHeaderBlankLinesCrLfAndQuotesThenTheUsernamesInOrder() {
		assertThat(read("username\r\njane@example.com\r\n\r\n\"a,b\"\n\"say\"\"hi\"\"\"\nzoë"))
			.containsExactly("jane@example.com", "a,b", "say\"hi\"", "zoë");
	}

	@Test
	void nextWhenFirstLineIsAUsernameThenItIsKept() {
		assertThat(read("jane\nusername\n")).containsExactly("jane", "username");
	}

	/** Usernames made of generated letters, digits and punctuation, of every length. */
	static Stream<String> generatedUsernames() {
		String alphabet = "abcXYZ019._-+@%/ßéø";
		return IntStream.rangeClosed(1, 128)
			.mapToObj((length) -> IntStream.range(0, length)
				.mapToObj((i) -> String.valueOf(alphabet.charAt((i * 7 + length) % alphabet.length())))
				.reduce("", String::concat));
	}

	@ParameterizedTest
	@MethodSource("generatedUsernames")
	void nextWhenAnyValidUsernameThenReadBackUnchanged(String username) {
		assertThat(read(username + "\n")).containsExactly(username);
	}

	static Stream<Arguments> invalidLines() {
		return Stream.of(Arguments.of("a\nwith space\n", 2), Arguments.of("a\nb\n" + "x".repeat(129) + "\n", 3),
				Arguments.of("x".repeat(5000), 1), Arguments.of("\"a\"b\"\n", 1), Arguments.of("tab\there\n", 1));
	}

	@ParameterizedTest
	@MethodSource("invalidLines")
	void nextWhenLineIsNotAUsernameThenValidationFailedNamingTheLine(String csv, int line) {
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> read(csv)).satisfies((ex) -> {
			assertThat(ex.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
			assertThat(ex.getMessage()).contains("Line " + line + " ");
		});
	}

	@Test
	void nextWhenNotUtf8ThenValidationFailed() {
		byte[] latin1 = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
		CsvUsernames csv = new CsvUsernames(new ByteArrayInputStream(latin1));
		assertThatExceptionOfType(ProblemException.class).isThrownBy(csv::next)
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
	}

	private static List<String> read(String text) {
		CsvUsernames csv = new CsvUsernames(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
		List<String> usernames = new ArrayList<>();
		for (String username = csv.next(); username != null; username = csv.next()) {
			usernames.add(username);
		}
		return usernames;
	}

}
