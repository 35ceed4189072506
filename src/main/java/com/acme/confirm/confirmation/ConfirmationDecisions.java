package com.acme.confirm.confirmation;

import java.util.List;
import java.util.Map;

import com.acme.confirm.cognito.CognitoFailure;
import com.acme.confirm.cognito.CognitoOperations;
import com.acme.confirm.cognito.CognitoUser;
import com.acme.confirm.cognito.ConfirmSignUpCall;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.userpool.AppClient;
import com.acme.confirm.userpool.ManagedUserPool;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * How a confirmation is decided from what Cognito says, so that a repeated confirmation
 * is a success rather than an error: the user's status decides, never Cognito's message
 * text.
 */
@Component
class ConfirmationDecisions {

	private static final String DISABLED = "DISABLED";

	private final CognitoOperations cognito;

	ConfirmationDecisions(CognitoOperations cognito) {
		this.cognito = cognito;
	}

	/**
	 * Reads the user first: a CONFIRMED user is ALREADY_CONFIRMED without a call; only an
	 * UNCONFIRMED, enabled user is confirmed. A NotAuthorized answer means someone may
	 * have confirmed the user since the read, which a second read decides.
	 */
	ConfirmationDecision adminConfirm(ManagedUserPool pool, AdminConfirmSignUpRequest request) {
		CognitoUser user = this.cognito.getUser(pool, request.username());
		boolean markEmailVerified = request.emailVerificationRequested();
		if (markEmailVerified && !user.hasEmail()) {
			throw new ProblemException(ProblemCode.VALIDATION_FAILED,
					"markEmailVerified is set, but the user has no email address.")
				.with("errors",
						List.of(Map.of("field", "markEmailVerified", "message", "the user has no email attribute")));
		}
		if (user.isConfirmed()) {
			return verifyEmailIfAsked(pool, user, ConfirmationOutcome.ALREADY_CONFIRMED, markEmailVerified,
					user.requestId());
		}
		requireConfirmable(user);
		String requestId;
		try {
			requestId = this.cognito.adminConfirmSignUp(pool, user.username(), request.metadata());
		}
		catch (CognitoFailure ex) {
			if (!ex.is(CognitoFailure.NOT_AUTHORIZED)) {
				throw ex;
			}
			CognitoUser now = this.cognito.getUser(pool, user.username());
			if (!now.isConfirmed()) {
				requireConfirmable(now);
				throw ex;
			}
			return verifyEmailIfAsked(pool, now, ConfirmationOutcome.ALREADY_CONFIRMED, markEmailVerified,
					now.requestId());
		}
		return verifyEmailIfAsked(pool, user, ConfirmationOutcome.CONFIRMED, markEmailVerified, requestId);
	}

	/**
	 * Calls ConfirmSignUp first. Cognito answers NotAuthorized or ExpiredCode alike for a
	 * confirmed, a disabled or a missing user, so the user's status decides.
	 */
	ConfirmationDecision confirmWithCode(ManagedUserPool pool, AppClient client, ConfirmSignUpRequest request) {
		ConfirmSignUpRequest.UserContextData context = request.userContextData();
		ConfirmSignUpCall call = new ConfirmSignUpCall(pool, client.id(), client.secret(), request.username(),
				request.confirmationCode(), request.aliasCreationForced(), request.metadata(),
				(context != null) ? context.ipAddress() : null, (context != null) ? context.encodedData() : null,
				(request.analyticsMetadata() != null) ? request.analyticsMetadata().analyticsEndpointId() : null);
		try {
			String requestId = this.cognito.confirmSignUp(call);
			// Cognito confirms with a code only users that are UNCONFIRMED.
			return new ConfirmationDecision(ConfirmationOutcome.CONFIRMED, CognitoUser.UNCONFIRMED, null, requestId);
		}
		catch (CognitoFailure ex) {
			if (!ex.is(CognitoFailure.NOT_AUTHORIZED) && !ex.is(CognitoFailure.EXPIRED_CODE)) {
				throw ex;
			}
			CognitoUser user = this.cognito.getUser(pool, request.username());
			if (user.isConfirmed()) {
				return new ConfirmationDecision(ConfirmationOutcome.ALREADY_CONFIRMED, user.status(),
						user.emailVerified(), user.requestId());
			}
			requireConfirmable(user);
			throw ex;
		}
	}

	private ConfirmationDecision verifyEmailIfAsked(ManagedUserPool pool, CognitoUser user, ConfirmationOutcome outcome,
			boolean markEmailVerified, @Nullable String requestId) {
		if (!markEmailVerified || user.emailVerified() || user.email() == null) {
			return new ConfirmationDecision(outcome, user.status(), user.emailVerified(), requestId);
		}
		try {
			String updateRequestId = this.cognito.markEmailVerified(pool, user.username(), user.email());
			return new ConfirmationDecision(outcome, user.status(), true, updateRequestId);
		}
		catch (CognitoFailure ex) {
			// The user is confirmed now; repeating the request finishes the job.
			throw CognitoProblem.of(ex).with("userStatus", CognitoUser.CONFIRMED);
		}
	}

	private static void requireConfirmable(CognitoUser user) {
		if (!user.isConfirmable()) {
			String status = user.enabled() ? user.status() : DISABLED;
			throw new ProblemException(ProblemCode.USER_NOT_CONFIRMABLE,
					"The user's status is " + status + "; only UNCONFIRMED, enabled users can be confirmed.")
				.with("userStatus", status);
		}
	}

}
