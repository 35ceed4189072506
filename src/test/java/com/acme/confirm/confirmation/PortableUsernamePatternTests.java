package com.acme.confirm.confirmation;

import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published username pattern never refuses a username the service accepts.
 */
class PortableUsernamePatternTests {

	private static final Pattern COGNITO = Pattern.compile(RequestConstraints.USERNAME);

	private static final Pattern PORTABLE = Pattern.compile(PortableUsernamePattern.PORTABLE);

	static Stream<String> generatedUsernames() {
		Random random = new Random(20261122);
		return Stream.generate(() -> {
			StringBuilder username = new StringBuilder();
			int length = 1 + random.nextInt(12);
			for (int i = 0; i < length; i++) {
				// Mostly the BMP, some supplementary planes, some ASCII and Latin-1.
				int codePoint = switch (random.nextInt(4)) {
					case 0 -> random.nextInt(0x100);
					case 1 -> random.nextInt(0x10000);
					case 2 -> 0x10000 + random.nextInt(0x100000);
					default -> 0x20 + random.nextInt(0x5F);
				};
				if (!Character.isSurrogate((char) codePoint) || codePoint > 0xFFFF) {
					username.appendCodePoint(codePoint);
				}
			}
			return username.toString();
		}).filter((username) -> !username.isEmpty()).limit(2000);
	}

	@ParameterizedTest
	@MethodSource("generatedUsernames")
	void whatCognitoAcceptsThePublishedPatternAccepts(String username) {
		if (COGNITO.matcher(username).matches()) {
			assertThat(PORTABLE.matcher(username).matches()).as("%s", username.codePoints().toArray()).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jane doe", "tab\there", "nul\u0000", "line\nbreak", "c1\u0085", "" })
	void whatThePublishedPatternRefusesCognitoRefusesToo(String username) {
		assertThat(PORTABLE.matcher(username).matches()).isFalse();
		assertThat(COGNITO.matcher(username).matches()).isFalse();
	}

}
