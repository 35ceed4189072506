package com.acme.confirm.confirmation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.acme.confirm.cognito.CognitoFailure;
import com.acme.confirm.cognito.CognitoOperations;
import com.acme.confirm.cognito.CognitoUser;
import com.acme.confirm.cognito.ConfirmSignUpCall;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemDetails;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.userpool.AppClient;
import com.acme.confirm.userpool.ManagedUserPool;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * How a confirmation is decided from what Cognito says: the user's status decides, never
 * Cognito's message text. A repeated confirmation is a success, and a call whose answer
 * was lost (it may have been applied) is settled by reading the user once: a user this
 * request found UNCONFIRMED who is CONFIRMED now was confirmed by it.
 */
@Component
class ConfirmationDecisions {

	/** Status recorded when the user's status could not be read. */
	static final String UNKNOWN = "UNKNOWN";

	/**
	 * How far Cognito's clock may be behind this host's when a confirmation with a code
	 * is settled from the user's last modification.
	 */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	private static final String DISABLED = "DISABLED";

	private final CognitoOperations cognito;

	private final UserResolution users;

	ConfirmationDecisions(CognitoOperations cognito, UserResolution users) {
		this.cognito = cognito;
		this.users = users;
	}

	/**
	 * Finds the user first ({@link UserResolution}: the identifier may be an alias that
	 * Cognito does not resolve yet) and acts on its canonical username: a CONFIRMED user
	 * is ALREADY_CONFIRMED without a call; only an UNCONFIRMED, enabled user is
	 * confirmed. A NotAuthorized answer to the first attempt means someone confirmed the
	 * user since the read, which a second read shows.
	 */
	ConfirmationDecision adminConfirm(ManagedUserPool pool, AdminConfirmSignUpRequest request) {
		CognitoUser user = this.users.resolve(pool, request.username());
		boolean markEmailVerified = request.emailVerificationRequested();
		if (markEmailVerified && !user.hasEmail()) {
			throw new ProblemException(ProblemCode.VALIDATION_FAILED,
					"markEmailVerified is set, but the user has no email address.")
				.with("errors",
						List.of(Map.of("field", "markEmailVerified", "message", "the user has no email attribute")));
		}
		if (user.isConfirmed()) {
			return verifyEmailIfAsked(pool, user, ConfirmationOutcome.ALREADY_CONFIRMED, user.status(),
					markEmailVerified, user.requestId());
		}
		requireConfirmable(user);
		String requestId;
		try {
			requestId = this.cognito.adminConfirmSignUp(pool, user.username(), request.metadata());
		}
		catch (CognitoFailure ex) {
			if (!ex.mayHaveBeenApplied() && !ex.is(CognitoFailure.NOT_AUTHORIZED)) {
				throw ex;
			}
			CognitoUser now = readAfter(pool, user.username(), ex);
			if (!now.isConfirmed()) {
				requireConfirmable(now);
				throw CognitoProblem.of(ex).with(ProblemDetails.USER_STATUS, now.status());
			}
			// Found UNCONFIRMED, CONFIRMED now: this request did it, unless its
			// first attempt was refused: then another caller did in between.
			if (ex.mayHaveBeenApplied()) {
				return verifyEmailIfAsked(pool, now, ConfirmationOutcome.CONFIRMED, user.status(), markEmailVerified,
						now.requestId());
			}
			return verifyEmailIfAsked(pool, now, ConfirmationOutcome.ALREADY_CONFIRMED, now.status(), markEmailVerified,
					now.requestId());
		}
		return verifyEmailIfAsked(pool, user, ConfirmationOutcome.CONFIRMED, user.status(), markEmailVerified,
				requestId);
	}

	/**
	 * Calls ConfirmSignUp first. Cognito answers the first attempt NotAuthorized or
	 * ExpiredCode alike for a confirmed, a disabled or a missing user, so the user's
	 * status decides. After a lost answer, a CONFIRMED user whom Cognito changed since
	 * this request started was confirmed by it.
	 */
	ConfirmationDecision confirmWithCode(ManagedUserPool pool, AppClient client, ConfirmSignUpRequest request) {
		Instant started = Instant.now();
		ConfirmSignUpRequest.UserContextData context = request.userContextData();
		ConfirmSignUpCall call = new ConfirmSignUpCall(pool, client.id(), client.secret(), request.username(),
				request.confirmationCode(), request.aliasCreationForced(), request.metadata(),
				(context != null) ? context.ipAddress() : null, (context != null) ? context.encodedData() : null,
				(request.analyticsMetadata() != null) ? request.analyticsMetadata().analyticsEndpointId() : null);
		try {
			String requestId = this.cognito.confirmSignUp(call);
			// Cognito confirms with a code only users that are UNCONFIRMED.
			return new ConfirmationDecision(ConfirmationOutcome.CONFIRMED, CognitoUser.UNCONFIRMED, null,
					CognitoUser.CONFIRMED, false, requestId, null, null);
		}
		catch (CognitoFailure ex) {
			boolean lostAnswer = ex.mayHaveBeenApplied();
			if (!lostAnswer && !ex.is(CognitoFailure.NOT_AUTHORIZED) && !ex.is(CognitoFailure.EXPIRED_CODE)) {
				throw ex;
			}
			CognitoUser user = readAfter(pool, request.username(), ex);
			if (!user.isConfirmed()) {
				requireConfirmable(user);
				throw CognitoProblem.of(ex).with(ProblemDetails.USER_STATUS, user.status());
			}
			if (lostAnswer && changedSince(user, started)) {
				return new ConfirmationDecision(ConfirmationOutcome.CONFIRMED, CognitoUser.UNCONFIRMED,
						user.emailVerified(), user.status(), false, user.requestId(), user.username(), user.sub());
			}
			return new ConfirmationDecision(ConfirmationOutcome.ALREADY_CONFIRMED, user.status(), user.emailVerified(),
					user.status(), false, user.requestId(), user.username(), user.sub());
		}
	}

	/**
	 * The user's state after a failed call; if even that cannot be read, the call's own
	 * failure, saying that the outcome is unknown. A user who does not exist is that.
	 */
	private CognitoUser readAfter(ManagedUserPool pool, String username, CognitoFailure failure) {
		try {
			return this.cognito.getUser(pool, username);
		}
		catch (CognitoFailure unreadable) {
			if (unreadable.kind() == CognitoFailure.Kind.USER_NOT_FOUND) {
				throw unreadable;
			}
			throw CognitoProblem.of(failure).with(ProblemDetails.USER_STATUS, UNKNOWN);
		}
	}

	private static boolean changedSince(CognitoUser user, Instant started) {
		return user.lastModified() != null && !user.lastModified().isBefore(started.minus(CLOCK_SKEW));
	}

	private ConfirmationDecision verifyEmailIfAsked(ManagedUserPool pool, CognitoUser user, ConfirmationOutcome outcome,
			String previousStatus, boolean markEmailVerified, @Nullable String requestId) {
		if (!markEmailVerified || user.emailVerified() || user.email() == null) {
			return new ConfirmationDecision(outcome, previousStatus, user.emailVerified(), CognitoUser.CONFIRMED, false,
					requestId, user.username(), user.sub());
		}
		try {
			String updateRequestId = this.cognito.markEmailVerified(pool, user.username(), user.email());
			return new ConfirmationDecision(outcome, previousStatus, true, CognitoUser.CONFIRMED, true, updateRequestId,
					user.username(), user.sub());
		}
		catch (CognitoFailure ex) {
			// The user is confirmed now; repeating the request finishes the job.
			throw CognitoProblem.of(ex).with(ProblemDetails.USER_STATUS, CognitoUser.CONFIRMED);
		}
	}

	static void requireConfirmable(CognitoUser user) {
		if (!user.isConfirmable()) {
			String status = user.enabled() ? user.status() : DISABLED;
			throw new ProblemException(ProblemCode.USER_NOT_CONFIRMABLE,
					"The user's status is " + status + "; only UNCONFIRMED, enabled users can be confirmed.")
				.with(ProblemDetails.USER_STATUS, status);
		}
	}

}
