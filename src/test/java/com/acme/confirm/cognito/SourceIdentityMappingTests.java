package com.acme.confirm.cognito;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caller's subject in STS's SourceIdentity: 2 to 64 of {@code [\w+=,.@-]}, the same
 * for the same subject, different for different ones.
 */
class SourceIdentityMappingTests {

	private static final String STS = "[\\w+=,.@-]{2,64}";

	static Stream<String> subjects() {
		Random random = new Random(17);
		return IntStream.range(0, 300).mapToObj((i) -> {
			int length = random.nextInt(130);
			StringBuilder subject = new StringBuilder();
			for (int c = 0; c < length; c++) {
				// ASCII, Latin-1, CJK and a few separators STS refuses
				int kind = random.nextInt(4);
				subject.appendCodePoint(switch (kind) {
					case 0 -> 'a' + random.nextInt(26);
					case 1 -> " |:/#\u00e9\u00df".charAt(random.nextInt(7));
					case 2 -> 0x4e00 + random.nextInt(200);
					default -> "0123456789_+=,.@-".charAt(random.nextInt(17));
				});
			}
			return subject.toString();
		});
	}

	@ParameterizedTest
	@MethodSource("subjects")
	void anySubjectMapsToAValidSourceIdentityAndAlwaysTheSameOne(String subject) {
		String identity = SourceIdentities.of(subject);

		assertThat(identity).matches(STS);
		assertThat(SourceIdentities.of(subject)).isEqualTo(identity);
		if (subject.matches(STS)) {
			assertThat(identity).isEqualTo(subject);
		}
	}

	@Test
	void distinctSubjectsMapToDistinctIdentities() {
		Set<String> subjects = new HashSet<>(subjects().toList());
		// alike once replaced or cut, apart by their hash
		subjects.addAll(Set.of("jane doe", "jane|doe", "jane_doe", "x".repeat(70), "x".repeat(71), "a", "b"));

		assertThat(subjects.stream().map(SourceIdentities::of).distinct()).hasSize(subjects.size());
	}

	@Test
	void subjectWithinStsRulesIsKeptAndOthersReadAlike() {
		assertThat(SourceIdentities.of("jane.doe@acme.example")).isEqualTo("jane.doe@acme.example");
		assertThat(SourceIdentities.of("auth0|jane doe")).startsWith("auth0_jane_doe-").hasSize(25);
		assertThat(SourceIdentities.of("a")).startsWith("a-").hasSize(12);
	}

}
