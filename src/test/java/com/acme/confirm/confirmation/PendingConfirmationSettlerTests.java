package com.acme.confirm.confirmation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditCompletion;
import com.acme.confirm.audit.AuditOutcome;
import com.acme.confirm.cognito.CognitoFailure;
import com.acme.confirm.cognito.CognitoOperations;
import com.acme.confirm.cognito.CognitoUser;
import com.acme.confirm.cognito.CognitoUserPage;
import com.acme.confirm.cognito.ConfirmSignUpCall;
import com.acme.confirm.cognito.UserFilter;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.UserPoolsFixture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an attempt left PENDING is settled from the user's state, against a stub of the
 * Cognito port.
 */
class PendingConfirmationSettlerTests {

	private static final ManagedUserPool POOL = new ManagedUserPool("customers", "eu-west-1_AbC", false, Map.of(),
			Map.of(), null);

	private static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");

	@Test
	void settleWhenConfirmedAfterTheAttemptStartedThenConfirmed() {
		assertThat(settle(user(CognitoUser.CONFIRMED, STARTED.plusSeconds(1)))).get().satisfies((completion) -> {
			assertThat(completion.outcome()).isEqualTo(AuditOutcome.CONFIRMED);
			assertThat(completion.userStatus()).isEqualTo(CognitoUser.CONFIRMED);
			assertThat(completion.errorCode()).isNull();
		});
	}

	@Test
	void settleWhenConfirmedLongBeforeThenAlreadyConfirmed() {
		assertThat(settle(user(CognitoUser.CONFIRMED, STARTED.minus(Duration.ofDays(2))))).get()
			.satisfies((completion) -> assertThat(completion.outcome()).isEqualTo(AuditOutcome.ALREADY_CONFIRMED));
	}

	@Test
	void settleWhenStillUnconfirmedThenInterruptedWithTheStatus() {
		assertThat(settle(user(CognitoUser.UNCONFIRMED, STARTED.minus(Duration.ofDays(2))))).get()
			.satisfies((completion) -> {
				assertThat(completion.outcome()).isEqualTo(AuditOutcome.FAILED);
				assertThat(completion.errorCode()).isEqualTo(PendingConfirmationSettler.INTERRUPTED);
				assertThat(completion.userStatus()).isEqualTo(CognitoUser.UNCONFIRMED);
			});
	}

	@Test
	void settleWhenUserGoneThenUserNotFound() {
		assertThat(settle(failure(CognitoFailure.Kind.USER_NOT_FOUND))).get()
			.satisfies((completion) -> assertThat(completion.errorCode()).isEqualTo("USER_NOT_FOUND"));
	}

	@Test
	void settleWhenCognitoUnreachableThenLeftForTheNextRun() {
		assertThat(settle(failure(CognitoFailure.Kind.UNAVAILABLE))).isEmpty();
		assertThat(settle(failure(CognitoFailure.Kind.CIRCUIT_OPEN))).isEmpty();
	}

	@Test
	void settleWhenStatusReadOrUnmanagedPoolThenNoCognitoCall() {
		StubCognito cognito = new StubCognito(null, failure(CognitoFailure.Kind.UNAVAILABLE));
		PendingConfirmationSettler settler = new PendingConfirmationSettler(UserPoolsFixture.of(POOL), cognito);

		assertThat(settler.settle(AuditAction.GET_USER_STATUS, POOL.id(), "jane", STARTED)).get()
			.satisfies((completion) -> assertThat(completion.errorCode())
				.isEqualTo(PendingConfirmationSettler.INTERRUPTED));
		assertThat(settler.settle(AuditAction.ADMIN_CONFIRM_SIGN_UP, "us-east-1_Gone1", "jane", STARTED)).get()
			.satisfies((completion) -> assertThat(completion.errorCode()).isEqualTo("USER_POOL_NOT_MANAGED"));
		assertThat(cognito.reads).isZero();
	}

	private static Optional<AuditCompletion> settle(Object answer) {
		StubCognito cognito = (answer instanceof CognitoUser user) ? new StubCognito(user, null)
				: new StubCognito(null, (CognitoFailure) answer);
		return new PendingConfirmationSettler(UserPoolsFixture.of(POOL), cognito)
			.settle(AuditAction.ADMIN_CONFIRM_SIGN_UP, POOL.id(), "jane", STARTED);
	}

	private static CognitoUser user(String status, Instant lastModified) {
		return new CognitoUser("jane", null, status, true, null, false, null, lastModified, "read-1");
	}

	private static CognitoFailure failure(CognitoFailure.Kind kind) {
		return new CognitoFailure(kind, "no", null, null, null, 1, null);
	}

	private static final class StubCognito implements CognitoOperations {

		private final @Nullable CognitoUser user;

		private final @Nullable CognitoFailure failure;

		private int reads;

		StubCognito(@Nullable CognitoUser user, @Nullable CognitoFailure failure) {
			this.user = user;
			this.failure = failure;
		}

		@Override
		public CognitoUser getUser(ManagedUserPool pool, String username) {
			this.reads++;
			if (this.failure != null) {
				throw this.failure;
			}
			return this.user;
		}

		@Override
		public @Nullable String adminConfirmSignUp(ManagedUserPool pool, String username,
				Map<String, String> clientMetadata) {
			throw new AssertionError("settling never confirms");
		}

		@Override
		public CognitoUserPage listUsers(ManagedUserPool pool, @Nullable UserFilter filter,
				@Nullable String paginationToken, int limit) {
			throw new AssertionError("settling never lists users");
		}

		@Override
		public @Nullable String markEmailVerified(ManagedUserPool pool, String username, String email) {
			throw new AssertionError("settling never updates");
		}

		@Override
		public @Nullable String confirmSignUp(ConfirmSignUpCall call) {
			throw new AssertionError("settling never confirms");
		}

	}

}
