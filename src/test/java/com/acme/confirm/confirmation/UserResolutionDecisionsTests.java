package com.acme.confirm.confirmation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.acme.confirm.cognito.CognitoFailure;
import com.acme.confirm.cognito.CognitoOperations;
import com.acme.confirm.cognito.CognitoUser;
import com.acme.confirm.cognito.CognitoUserPage;
import com.acme.confirm.cognito.ConfirmSignUpCall;
import com.acme.confirm.cognito.UserFilter;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.userpool.ManagedUserPool;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How an identifier is resolved, against a stub of the Cognito port: which lookups are
 * made, and what one, several or no matches mean.
 */
class UserResolutionDecisionsTests {

	private static final ManagedUserPool CONFIGURED = new ManagedUserPool("aliases", "eu-west-1_Aliases1", false,
			Map.of(), Map.of(), null, null, List.of("email", "phone_number", "preferred_username"));

	private static final ManagedUserPool DESCRIBED = new ManagedUserPool("described", "eu-west-1_Described1", false,
			Map.of(), Map.of(), null);

	private final StubCognito cognito = new StubCognito();

	private final AtomicInteger describes = new AtomicInteger();

	private List<String> described = List.of("email");

	private @Nullable CognitoFailure describeFailure;

	private final UserResolution resolution = new UserResolution(this.cognito, (pool) -> {
		this.describes.incrementAndGet();
		if (this.describeFailure != null) {
			throw this.describeFailure;
		}
		return this.described;
	});

	@Test
	void resolveWhenCognitoKnowsTheIdentifierThenNoLookup() {
		this.cognito.known = user("jane");

		assertThat(this.resolution.resolve(CONFIGURED, "jane@example.com").username()).isEqualTo("jane");
		assertThat(this.cognito.filters).isEmpty();
	}

	@Test
	void resolveWhenUnknownThenOnlyTheAttributesTheIdentifierCanBeAreSearched() {
		this.cognito.pages.add(new CognitoUserPage(List.of(user("jane")), null));

		assertThat(this.resolution.resolve(CONFIGURED, "jane@example.com").username()).isEqualTo("jane");
		// not a phone number: phone_number is not searched
		assertThat(this.cognito.filters).containsExactly("email = \"jane@example.com\"",
				"preferred_username = \"jane@example.com\"");
	}

	@Test
	void resolveWhenSeveralMatchOrPagesAreLeftThenAmbiguousWithTheCount() {
		this.cognito.pages.add(new CognitoUserPage(List.of(user("a"), user("b"), user("c")), null));

		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> this.resolution.resolve(DESCRIBED, "x@y.z"))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ProblemCode.AMBIGUOUS_USER);
				assertThat(ex.properties()).containsEntry("matches", 3);
			});

		StubCognito endless = new StubCognito();
		for (int i = 0; i < 10; i++) {
			endless.pages.add(new CognitoUserPage((i == 0) ? List.of(user("a")) : List.of(), "next"));
		}
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> new UserResolution(endless, (pool) -> List.of("email")).resolve(DESCRIBED, "x@y.z"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("more than 1"));
		assertThat(endless.filters).hasSize(5);
	}

	@Test
	void resolveWhenNothingMatchesThenCognitosUserNotFound() {
		assertThatExceptionOfType(CognitoFailure.class)
			.isThrownBy(() -> this.resolution.resolve(CONFIGURED, "+4917012"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(CognitoFailure.Kind.USER_NOT_FOUND));
		assertThat(this.cognito.filters).containsExactly("phone_number = \"+4917012\"",
				"preferred_username = \"+4917012\"");
	}

	@Test
	void defaultAttributesAreDescribedOncePerPoolAndARefusalMeansNoLookup() {
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(CognitoFailure.class)
				.isThrownBy(() -> this.resolution.resolve(DESCRIBED, "nobody@example.com"));
		}
		assertThat(this.describes).hasValue(1);
		assertThat(this.cognito.filters).hasSize(2);

		this.describeFailure = new CognitoFailure(CognitoFailure.Kind.REJECTED, "refused", "AccessDeniedException",
				null, null, 1, null);
		ManagedUserPool undescribable = new ManagedUserPool("other", "eu-west-1_Other1", false, Map.of(), Map.of(),
				null);
		assertThatExceptionOfType(CognitoFailure.class)
			.isThrownBy(() -> this.resolution.resolve(undescribable, "nobody@example.com"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(CognitoFailure.Kind.USER_NOT_FOUND));
		assertThat(this.cognito.filters).hasSize(2);
	}

	@Test
	void resolveWhenTheReadFailsOtherwiseThenThatFailureAndNoLookup() {
		this.cognito.readFailure = new CognitoFailure(CognitoFailure.Kind.UNAVAILABLE, "down", "InternalErrorException",
				null, null, 3, null);

		assertThatExceptionOfType(CognitoFailure.class).isThrownBy(() -> this.resolution.resolve(CONFIGURED, "j@x.y"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(CognitoFailure.Kind.UNAVAILABLE));
		assertThat(this.cognito.filters).isEmpty();
	}

	private static CognitoUser user(String username) {
		return new CognitoUser(username, "sub-" + username, CognitoUser.UNCONFIRMED, true, null, false, null, null,
				"list-request");
	}

	private static final class StubCognito implements CognitoOperations {

		private @Nullable CognitoUser known;

		private @Nullable CognitoFailure readFailure;

		private final List<CognitoUserPage> pages = new ArrayList<>();

		private final List<String> filters = new ArrayList<>();

		@Override
		public CognitoUser getUser(ManagedUserPool pool, String username) {
			if (this.readFailure != null) {
				throw this.readFailure;
			}
			if (this.known != null) {
				return this.known;
			}
			throw new CognitoFailure(CognitoFailure.Kind.USER_NOT_FOUND, "User not found.", "UserNotFoundException",
					null, null, 1, null);
		}

		@Override
		public CognitoUserPage listUsers(ManagedUserPool pool, @Nullable UserFilter filter,
				@Nullable String paginationToken, int limit) {
			this.filters.add(String.valueOf((filter != null) ? filter.expression() : null));
			return this.pages.isEmpty() ? new CognitoUserPage(List.of(), null) : this.pages.remove(0);
		}

		@Override
		public @Nullable String adminConfirmSignUp(ManagedUserPool pool, String username,
				Map<String, String> clientMetadata) {
			throw new AssertionError("resolving never confirms");
		}

		@Override
		public @Nullable String markEmailVerified(ManagedUserPool pool, String username, String email) {
			throw new AssertionError("resolving never updates");
		}

		@Override
		public @Nullable String confirmSignUp(ConfirmSignUpCall call) {
			throw new AssertionError("resolving never confirms");
		}

	}

}
