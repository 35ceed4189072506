package com.acme.confirm.confirmation;

import java.io.Serial;

import com.acme.confirm.cognito.CognitoFailure;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import org.jspecify.annotations.Nullable;

/**
 * A failed Cognito call as the API answers it: the problem code for the kind of failure,
 * Cognito's error code as {@code cognitoError}, and Cognito's request id for the audit
 * event.
 */
final class CognitoProblem extends ProblemException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final @Nullable String requestId;

	private CognitoProblem(ProblemCode code, CognitoFailure failure) {
		super(code, failure.detail(), failure);
		this.requestId = failure.requestId();
		if (failure.cognitoError() != null) {
			with("cognitoError", failure.cognitoError());
		}
		if (failure.retryAfter() != null) {
			retryAfter(failure.retryAfter());
		}
	}

	static CognitoProblem of(CognitoFailure failure) {
		return new CognitoProblem(codeFor(failure.kind()), failure);
	}

	static ProblemCode codeFor(CognitoFailure.Kind kind) {
		return switch (kind) {
			case USER_NOT_FOUND -> ProblemCode.USER_NOT_FOUND;
			case CODE_MISMATCH -> ProblemCode.CODE_MISMATCH;
			case CODE_EXPIRED -> ProblemCode.CODE_EXPIRED;
			case TOO_MANY_FAILED_ATTEMPTS -> ProblemCode.TOO_MANY_FAILED_ATTEMPTS;
			case ALIAS_EXISTS -> ProblemCode.ALIAS_EXISTS;
			case THROTTLED, BUDGET_EXHAUSTED -> ProblemCode.THROTTLED;
			case TRIGGER_FAILED -> ProblemCode.COGNITO_TRIGGER_FAILED;
			case REJECTED -> ProblemCode.COGNITO_REJECTED;
			case UNAVAILABLE, CIRCUIT_OPEN -> ProblemCode.COGNITO_UNAVAILABLE;
			case TIMEOUT -> ProblemCode.COGNITO_TIMEOUT;
			case SOURCE_IDENTITY_UNAVAILABLE -> ProblemCode.SOURCE_IDENTITY_UNAVAILABLE;
		};
	}

	/** Cognito's request id of the failed call. */
	@Nullable String requestId() {
		return this.requestId;
	}

}
