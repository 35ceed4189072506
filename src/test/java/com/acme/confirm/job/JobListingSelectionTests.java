package com.acme.confirm.job;

import java.time.Instant;
import java.util.stream.Stream;

import com.acme.confirm.cognito.CognitoUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which listed users a query selects: its status, and UserCreateDate in [createdAfter,
 * createdBefore); and the one filter Cognito is given.
 */
class JobListingSelectionTests {

	private static final Instant FROM = Instant.parse("2026-11-30T00:00:00Z");

	private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

	static Stream<Arguments> users() {
		return Stream.of(Arguments.of("UNCONFIRMED", FROM, true),
				Arguments.of("UNCONFIRMED", FROM.minusMillis(1), false),
				Arguments.of("UNCONFIRMED", TO.minusMillis(1), true), Arguments.of("UNCONFIRMED", TO, false),
				Arguments.of("CONFIRMED", FROM.plusSeconds(60), false), Arguments.of("UNCONFIRMED", null, false));
	}

	@ParameterizedTest(name = "{0} created {1}: {2}")
	@MethodSource("users")
	void selectsWhenStatusAndWindowThenOnlyThoseInside(String status, Instant created, boolean selected) {
		CreateConfirmationJobRequest.JobQuery query = new CreateConfirmationJobRequest.JobQuery(null, FROM, TO, null);
		CognitoUser user = new CognitoUser("u", "sub-u", status, true, null, false, created, created, null);

		assertThat(JobListing.selects(query, user)).isEqualTo(selected);
	}

	@Test
	void filterWhenAttributePrefixThenThePrefixElseTheStatus() {
		assertThat(JobListing.filter(new CreateConfirmationJobRequest.JobQuery(null, null, null, null)).expression())
			.isEqualTo("cognito:user_status = \"UNCONFIRMED\"");
		assertThat(JobListing
			.filter(new CreateConfirmationJobRequest.JobQuery("UNCONFIRMED", null, null,
					new CreateConfirmationJobRequest.AttributePrefix("email", "inc-7")))
			.expression()).isEqualTo("email ^= \"inc-7\"");
	}

}
