package com.acme.confirm.confirmation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import com.acme.confirm.audit.AuditOutcome;
import com.acme.confirm.cognito.CognitoFailure;
import com.acme.confirm.cognito.CognitoOperations;
import com.acme.confirm.cognito.CognitoUser;
import com.acme.confirm.cognito.CognitoUserPage;
import com.acme.confirm.cognito.ConfirmSignUpCall;
import com.acme.confirm.cognito.UserFilter;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.userpool.AppClient;
import com.acme.confirm.userpool.ManagedUserPool;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How Cognito's answers decide a confirmation, against a stub of the Cognito port that
 * answers as real Cognito does, without starting the application.
 */
class ConfirmationDecisionsTests {

	private static final ManagedUserPool POOL = new ManagedUserPool("customers", "eu-west-1_AbC", false, Map.of(),
			Map.of(), null);

	private static final AppClient CLIENT = new AppClient("webclient1", null);

	private final StubCognito cognito = new StubCognito();

	private final ConfirmationDecisions decisions = new ConfirmationDecisions(this.cognito);

	@Test
	void adminConfirmWhenUnconfirmedThenConfirmedUnderTheCanonicalUsername() {
		this.cognito.reads(user("jane-canonical", CognitoUser.UNCONFIRMED, true, null, false));

		ConfirmationDecision decision = this.decisions.adminConfirm(POOL, admin("jane@example.com", false));

		assertThat(decision.outcome()).isEqualTo(ConfirmationOutcome.CONFIRMED);
		assertThat(decision.previousStatus()).isEqualTo(CognitoUser.UNCONFIRMED);
		assertThat(decision.cognitoRequestId()).isEqualTo("confirm-request");
		assertThat(this.cognito.calls).containsExactly("AdminGetUser jane@example.com",
				"AdminConfirmSignUp jane-canonical");
	}

	@Test
	void adminConfirmWhenAlreadyConfirmedThenAlreadyConfirmedWithoutAConfirmCall() {
		this.cognito.reads(user("jane", CognitoUser.CONFIRMED, true, null, false));

		ConfirmationDecision decision = this.decisions.adminConfirm(POOL, admin("jane", false));

		assertThat(decision.outcome()).isEqualTo(ConfirmationOutcome.ALREADY_CONFIRMED);
		assertThat(this.cognito.calls).containsExactly("AdminGetUser jane");
	}

	@Test
	void adminConfirmWhenNotAuthorizedAndConfirmedMeanwhileThenAlreadyConfirmed() {
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, null, false),
				user("jane", CognitoUser.CONFIRMED, true, null, false));
		this.cognito.confirmFails(failure(CognitoFailure.Kind.REJECTED, CognitoFailure.NOT_AUTHORIZED));

		ConfirmationDecision decision = this.decisions.adminConfirm(POOL, admin("jane", false));

		assertThat(decision.outcome()).isEqualTo(ConfirmationOutcome.ALREADY_CONFIRMED);
		assertThat(decision.previousStatus()).isEqualTo(CognitoUser.CONFIRMED);
		assertThat(decision.cognitoRequestId()).isEqualTo("read-2");
		assertThat(this.cognito.calls).containsExactly("AdminGetUser jane", "AdminConfirmSignUp jane",
				"AdminGetUser jane");
	}

	@Test
	void adminConfirmWhenNotAuthorizedAndStillUnconfirmedThenCognitosFailureWithTheStatusRead() {
		CognitoFailure notAuthorized = failure(CognitoFailure.Kind.REJECTED, CognitoFailure.NOT_AUTHORIZED);
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, null, false),
				user("jane", CognitoUser.UNCONFIRMED, true, null, false));
		this.cognito.confirmFails(notAuthorized);

		assertFailure(() -> this.decisions.adminConfirm(POOL, admin("jane", false)), notAuthorized,
				ProblemCode.COGNITO_REJECTED, CognitoUser.UNCONFIRMED);
	}

	@Test
	void adminConfirmWhenAttemptTimedOutAfterCognitoAppliedItThenConfirmedByThisRequest() {
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, null, false),
				user("jane", CognitoUser.CONFIRMED, true, null, false));
		this.cognito.confirmFails(failure(CognitoFailure.Kind.TIMEOUT, null, 3));

		ConfirmationDecision decision = this.decisions.adminConfirm(POOL, admin("jane", false));

		assertThat(decision.outcome()).isEqualTo(ConfirmationOutcome.CONFIRMED);
		assertThat(decision.previousStatus()).isEqualTo(CognitoUser.UNCONFIRMED);
		assertThat(decision.auditCompletion().userStatus()).isEqualTo(CognitoUser.CONFIRMED);
		assertThat(this.cognito.calls).containsExactly("AdminGetUser jane", "AdminConfirmSignUp jane",
				"AdminGetUser jane");
	}

	@Test
	void adminConfirmWhenRetryRefusedAsNotAuthorizedAfterALateSuccessThenConfirmedNotAlreadyConfirmed() {
		// Real Cognito: the first attempt applied the change but its answer was lost; the
		// retry is answered "User cannot be confirmed. Current status is CONFIRMED".
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, null, false),
				user("jane", CognitoUser.CONFIRMED, true, null, false));
		this.cognito.confirmFails(failure(CognitoFailure.Kind.REJECTED, CognitoFailure.NOT_AUTHORIZED, 2));

		ConfirmationDecision decision = this.decisions.adminConfirm(POOL, admin("jane", false));

		assertThat(decision.outcome()).isEqualTo(ConfirmationOutcome.CONFIRMED);
	}

	@Test
	void adminConfirmWhenTriggerFailedAfterTheConfirmationThenConfirmed() {
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, null, false),
				user("jane", CognitoUser.CONFIRMED, true, null, false));
		this.cognito.confirmFails(failure(CognitoFailure.Kind.TRIGGER_FAILED, "UnexpectedLambdaException"));

		assertThat(this.decisions.adminConfirm(POOL, admin("jane", false)).outcome())
			.isEqualTo(ConfirmationOutcome.CONFIRMED);
	}

	@Test
	void adminConfirmWhenEveryAttemptTimedOutAndStillUnconfirmedThenTimeoutWithTheStatusRead() {
		CognitoFailure timeout = failure(CognitoFailure.Kind.TIMEOUT, null, 3);
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, null, false),
				user("jane", CognitoUser.UNCONFIRMED, true, null, false));
		this.cognito.confirmFails(timeout);

		assertFailure(() -> this.decisions.adminConfirm(POOL, admin("jane", false)), timeout,
				ProblemCode.COGNITO_TIMEOUT, CognitoUser.UNCONFIRMED);
	}

	@Test
	void adminConfirmWhenOutcomeCannotBeReadThenTheFailureSaysTheStatusIsUnknown() {
		CognitoFailure unavailable = failure(CognitoFailure.Kind.UNAVAILABLE, "InternalErrorException", 3);
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, null, false));
		this.cognito.readFails(failure(CognitoFailure.Kind.UNAVAILABLE, "InternalErrorException", 3));
		this.cognito.confirmFails(unavailable);

		assertFailure(() -> this.decisions.adminConfirm(POOL, admin("jane", false)), unavailable,
				ProblemCode.COGNITO_UNAVAILABLE, ConfirmationDecisions.UNKNOWN);
	}

	@Test
	void adminConfirmWhenNotAuthorizedBecauseDisabledMeanwhileThenNotConfirmable() {
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, null, false),
				user("jane", CognitoUser.UNCONFIRMED, false, null, false));
		this.cognito.confirmFails(failure(CognitoFailure.Kind.REJECTED, CognitoFailure.NOT_AUTHORIZED));

		assertProblem(() -> this.decisions.adminConfirm(POOL, admin("jane", false)), ProblemCode.USER_NOT_CONFIRMABLE,
				"DISABLED");
	}

	@Test
	void adminConfirmWhenRefusedWithoutDoubtThenNoSecondRead() {
		CognitoFailure waf = failure(CognitoFailure.Kind.REJECTED, "ForbiddenException");
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, null, false));
		this.cognito.confirmFails(waf);

		assertThatExceptionOfType(CognitoFailure.class)
			.isThrownBy(() -> this.decisions.adminConfirm(POOL, admin("jane", false)))
			.isSameAs(waf);
		assertThat(this.cognito.calls).containsExactly("AdminGetUser jane", "AdminConfirmSignUp jane");
	}

	@Test
	void adminConfirmWhenStatusNotConfirmableThenProblemNamesItAndNothingChanges() {
		this.cognito.reads(user("jane", "FORCE_CHANGE_PASSWORD", true, null, false));

		assertProblem(() -> this.decisions.adminConfirm(POOL, admin("jane", false)), ProblemCode.USER_NOT_CONFIRMABLE,
				"FORCE_CHANGE_PASSWORD");
		assertThat(this.cognito.calls).containsExactly("AdminGetUser jane");
	}

	@Test
	void adminConfirmWhenEmailVerificationAskedAndNoEmailThenValidationFailedBeforeAnyChange() {
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, null, false));

		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.decisions.adminConfirm(POOL, admin("jane", true)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
		assertThat(this.cognito.calls).containsExactly("AdminGetUser jane");
	}

	@Test
	void adminConfirmWhenEmailVerificationAskedThenVerifiedAfterTheConfirmation() {
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, "jane@example.com", false));

		ConfirmationDecision decision = this.decisions.adminConfirm(POOL, admin("jane", true));

		assertThat(decision.emailVerified()).isTrue();
		assertThat(decision.auditCompletion().emailVerifiedSet()).isTrue();
		assertThat(decision.cognitoRequestId()).isEqualTo("update-request");
		assertThat(this.cognito.calls).containsExactly("AdminGetUser jane", "AdminConfirmSignUp jane",
				"AdminUpdateUserAttributes jane jane@example.com");
	}

	@Test
	void adminConfirmWhenEmailVerificationFailsAfterConfirmingThenProblemSaysConfirmed() {
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, "jane@example.com", false));
		this.cognito.updateFails(failure(CognitoFailure.Kind.UNAVAILABLE, "InternalErrorException"));

		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.decisions.adminConfirm(POOL, admin("jane", true)))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ProblemCode.COGNITO_UNAVAILABLE);
				assertThat(ex.properties()).containsEntry("userStatus", CognitoUser.CONFIRMED)
					.containsEntry("cognitoError", "InternalErrorException");
			});
	}

	@Test
	void adminConfirmWhenAlreadyConfirmedAndEmailVerificationAskedThenTheChangeIsOnRecord() {
		this.cognito.reads(user("jane", CognitoUser.CONFIRMED, true, "jane@example.com", false));

		ConfirmationDecision decision = this.decisions.adminConfirm(POOL, admin("jane", true));

		assertThat(decision.outcome()).isEqualTo(ConfirmationOutcome.ALREADY_CONFIRMED);
		assertThat(decision.auditCompletion().emailVerifiedSet()).isTrue();
		assertThat(decision.auditCompletion().outcome()).isEqualTo(AuditOutcome.ALREADY_CONFIRMED);
	}

	@Test
	void confirmWithCodeWhenAnswerLostAndUserChangedSinceThenConfirmedByThisRequest() {
		this.cognito.reads(user("jane", CognitoUser.CONFIRMED, true, null, false, Instant.now()));
		this.cognito.confirmFails(failure(CognitoFailure.Kind.TIMEOUT, null, 2));

		ConfirmationDecision decision = this.decisions.confirmWithCode(POOL, CLIENT, code("jane"));

		assertThat(decision.outcome()).isEqualTo(ConfirmationOutcome.CONFIRMED);
		assertThat(decision.previousStatus()).isEqualTo(CognitoUser.UNCONFIRMED);
	}

	@Test
	void confirmWithCodeWhenRetryAnsweredExpiredCodeAndUserChangedSinceThenConfirmed() {
		this.cognito.reads(user("jane", CognitoUser.CONFIRMED, true, null, false, Instant.now()));
		this.cognito.confirmFails(failure(CognitoFailure.Kind.CODE_EXPIRED, CognitoFailure.EXPIRED_CODE, 2));

		assertThat(this.decisions.confirmWithCode(POOL, CLIENT, code("jane")).outcome())
			.isEqualTo(ConfirmationOutcome.CONFIRMED);
	}

	@Test
	void confirmWithCodeWhenAnswerLostAndUserConfirmedLongBeforeThenAlreadyConfirmed() {
		this.cognito
			.reads(user("jane", CognitoUser.CONFIRMED, true, null, false, Instant.now().minus(Duration.ofDays(3))));
		this.cognito.confirmFails(failure(CognitoFailure.Kind.TIMEOUT, null, 1));

		assertThat(this.decisions.confirmWithCode(POOL, CLIENT, code("jane")).outcome())
			.isEqualTo(ConfirmationOutcome.ALREADY_CONFIRMED);
	}

	@Test
	void confirmWithCodeWhenAcceptedThenConfirmedFromUnconfirmedWithoutARead() {
		ConfirmationDecision decision = this.decisions.confirmWithCode(POOL, CLIENT, code("jane"));

		assertThat(decision.outcome()).isEqualTo(ConfirmationOutcome.CONFIRMED);
		assertThat(decision.previousStatus()).isEqualTo(CognitoUser.UNCONFIRMED);
		assertThat(this.cognito.calls).containsExactly("ConfirmSignUp jane");
	}

	@Test
	void confirmWithCodeWhenNotAuthorizedOrExpiredAndUserConfirmedThenAlreadyConfirmed() {
		for (String answer : List.of(CognitoFailure.NOT_AUTHORIZED, CognitoFailure.EXPIRED_CODE)) {
			StubCognito stub = new StubCognito();
			stub.reads(user("jane", CognitoUser.CONFIRMED, true, null, true));
			stub.confirmFails(failure(CognitoFailure.Kind.REJECTED, answer));

			ConfirmationDecision decision = new ConfirmationDecisions(stub).confirmWithCode(POOL, CLIENT, code("jane"));

			assertThat(decision.outcome()).as(answer).isEqualTo(ConfirmationOutcome.ALREADY_CONFIRMED);
			assertThat(decision.emailVerified()).as(answer).isTrue();
			assertThat(stub.calls).as(answer).containsExactly("ConfirmSignUp jane", "AdminGetUser jane");
		}
	}

	@Test
	void confirmWithCodeWhenNotAuthorizedAndUserUnconfirmedThenCognitosFailureWithTheStatusRead() {
		CognitoFailure notAuthorized = failure(CognitoFailure.Kind.REJECTED, CognitoFailure.NOT_AUTHORIZED);
		this.cognito.reads(user("jane", CognitoUser.UNCONFIRMED, true, null, false));
		this.cognito.confirmFails(notAuthorized);

		assertFailure(() -> this.decisions.confirmWithCode(POOL, CLIENT, code("jane")), notAuthorized,
				ProblemCode.COGNITO_REJECTED, CognitoUser.UNCONFIRMED);
	}

	@Test
	void confirmWithCodeWhenCodeMismatchThenFailureWithoutARead() {
		CognitoFailure mismatch = failure(CognitoFailure.Kind.CODE_MISMATCH, "CodeMismatchException");
		this.cognito.confirmFails(mismatch);

		assertThatExceptionOfType(CognitoFailure.class)
			.isThrownBy(() -> this.decisions.confirmWithCode(POOL, CLIENT, code("jane")))
			.isSameAs(mismatch);
		assertThat(this.cognito.calls).containsExactly("ConfirmSignUp jane");
	}

	@Test
	void cognitoProblemWhenEachKindThenTheContractsCode() {
		assertThat(CognitoProblem.of(failure(CognitoFailure.Kind.BUDGET_EXHAUSTED, null)).code())
			.isEqualTo(ProblemCode.THROTTLED);
		assertThat(CognitoProblem.of(failure(CognitoFailure.Kind.CIRCUIT_OPEN, null)).code())
			.isEqualTo(ProblemCode.COGNITO_UNAVAILABLE);
		assertThat(CognitoProblem.of(failure(CognitoFailure.Kind.TIMEOUT, null)).code())
			.isEqualTo(ProblemCode.COGNITO_TIMEOUT);
		assertThat(CognitoProblem.of(failure(CognitoFailure.Kind.REJECTED, CognitoFailure.NOT_AUTHORIZED)))
			.satisfies((problem) -> {
				assertThat(problem.code()).isEqualTo(ProblemCode.COGNITO_REJECTED);
				assertThat(problem.properties()).containsEntry("cognitoError", CognitoFailure.NOT_AUTHORIZED);
				assertThat(problem.requestId()).isEqualTo("failed-request");
			});
	}

	private static void assertFailure(Runnable decision, CognitoFailure cause, ProblemCode code, String userStatus) {
		assertThatExceptionOfType(ProblemException.class).isThrownBy(decision::run).satisfies((ex) -> {
			assertThat(ex.code()).isEqualTo(code);
			assertThat(ex.getCause()).isSameAs(cause);
			assertThat(ex.properties()).containsEntry("userStatus", userStatus);
		});
	}

	private static void assertProblem(Runnable decision, ProblemCode code, String userStatus) {
		assertThatExceptionOfType(ProblemException.class).isThrownBy(decision::run).satisfies((ex) -> {
			assertThat(ex.code()).isEqualTo(code);
			assertThat(ex.properties()).containsEntry("userStatus", userStatus);
		});
	}

	private static AdminConfirmSignUpRequest admin(String username, boolean markEmailVerified) {
		return new AdminConfirmSignUpRequest(username, Map.of("ticket", "SUP-1"), "by phone", markEmailVerified);
	}

	private static ConfirmSignUpRequest code(String username) {
		return new ConfirmSignUpRequest(CLIENT.id(), username, "123456", null, null, null, null);
	}

	private static CognitoUser user(String username, String status, boolean enabled, @Nullable String email,
			boolean emailVerified) {
		return user(username, status, enabled, email, emailVerified, null);
	}

	private static CognitoUser user(String username, String status, boolean enabled, @Nullable String email,
			boolean emailVerified, @Nullable Instant lastModified) {
		return new CognitoUser(username, null, status, enabled, email, emailVerified, null, lastModified, null);
	}

	private static CognitoFailure failure(CognitoFailure.Kind kind, @Nullable String cognitoError) {
		return failure(kind, cognitoError, 1);
	}

	private static CognitoFailure failure(CognitoFailure.Kind kind, @Nullable String cognitoError, int attempts) {
		return new CognitoFailure(kind, "Cognito said no.", cognitoError, "failed-request", null, attempts, null);
	}

	/**
	 * Answers reads in the order given (each with its own request id), and confirms or
	 * updates unless told to fail; records every call.
	 */
	private static final class StubCognito implements CognitoOperations {

		private final Deque<CognitoUser> reads = new ArrayDeque<>();

		private final List<String> calls = new ArrayList<>();

		private @Nullable CognitoFailure confirmFailure;

		private @Nullable CognitoFailure readFailure;

		private @Nullable CognitoFailure updateFailure;

		private int readCount;

		void reads(CognitoUser... users) {
			this.reads.addAll(List.of(users));
		}

		/** Reads fail once the users given to {@link #reads} are used up. */
		void readFails(CognitoFailure failure) {
			this.readFailure = failure;
		}

		void confirmFails(CognitoFailure failure) {
			this.confirmFailure = failure;
		}

		void updateFails(CognitoFailure failure) {
			this.updateFailure = failure;
		}

		@Override
		public CognitoUser getUser(ManagedUserPool pool, String username) {
			this.calls.add("AdminGetUser " + username);
			if (this.reads.isEmpty() && this.readFailure != null) {
				throw this.readFailure;
			}
			CognitoUser user = this.reads.pop();
			this.readCount++;
			return new CognitoUser(user.username(), user.sub(), user.status(), user.enabled(), user.email(),
					user.emailVerified(), user.createdAt(), user.lastModified(), "read-" + this.readCount);
		}

		@Override
		public @Nullable String adminConfirmSignUp(ManagedUserPool pool, String username,
				Map<String, String> clientMetadata) {
			this.calls.add("AdminConfirmSignUp " + username);
			throwIfSet(this.confirmFailure);
			return "confirm-request";
		}

		@Override
		public CognitoUserPage listUsers(ManagedUserPool pool, @Nullable UserFilter filter,
				@Nullable String paginationToken, int limit) {
			throw new AssertionError("a confirmation decision never lists users");
		}

		@Override
		public @Nullable String markEmailVerified(ManagedUserPool pool, String username, String email) {
			this.calls.add("AdminUpdateUserAttributes " + username + " " + email);
			throwIfSet(this.updateFailure);
			return "update-request";
		}

		@Override
		public @Nullable String confirmSignUp(ConfirmSignUpCall call) {
			this.calls.add("ConfirmSignUp " + call.username());
			throwIfSet(this.confirmFailure);
			return "confirm-request";
		}

		private static void throwIfSet(@Nullable CognitoFailure failure) {
			if (failure != null) {
				throw failure;
			}
		}

	}

}
