package com.acme.confirm.cognito;

import java.io.Serial;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A Cognito call that did not succeed, in the service's own terms: what kind of failure
 * it was, a detail written for callers, Cognito's error code and request id where Cognito
 * answered, and how long to wait where waiting helps. Cognito's message never travels
 * with it: it can quote what the caller sent.
 */
public class CognitoFailure extends RuntimeException {

	/** Cognito's answer for a user it will not confirm, or a secret-hash mismatch. */
	public static final String NOT_AUTHORIZED = "NotAuthorizedException";

	/** Cognito's answer for an expired code, also given for an already confirmed user. */
	public static final String EXPIRED_CODE = "ExpiredCodeException";

	@Serial
	private static final long serialVersionUID = 1L;

	private final Kind kind;

	private final @Nullable String cognitoError;

	private final @Nullable String requestId;

	private final @Nullable Duration retryAfter;

	private final int attempts;

	/**
	 * @param kind what kind of failure
	 * @param detail what went wrong, for callers
	 * @param cognitoError Cognito's error code, where it answered
	 * @param requestId Cognito's request id, where it answered
	 * @param retryAfter how long to wait, where known
	 * @param attempts how many attempts of the call were sent; 0 when none was
	 * @param cause the SDK's exception
	 */
	public CognitoFailure(Kind kind, String detail, @Nullable String cognitoError, @Nullable String requestId,
			@Nullable Duration retryAfter, int attempts, @Nullable Throwable cause) {
		super(detail, cause);
		this.kind = kind;
		this.cognitoError = cognitoError;
		this.requestId = requestId;
		this.retryAfter = retryAfter;
		this.attempts = attempts;
	}

	public Kind kind() {
		return this.kind;
	}

	/** What went wrong, for callers; never Cognito's own message. */
	public String detail() {
		return String.valueOf(getMessage());
	}

	/**
	 * Cognito's error code, such as {@code CodeMismatchException}; {@code null} when no
	 * answer came (timeouts, connection failures) or the call was not made.
	 */
	public @Nullable String cognitoError() {
		return this.cognitoError;
	}

	/** Cognito's request id of the failed call, for support cases with AWS. */
	public @Nullable String requestId() {
		return this.requestId;
	}

	/** How long to wait before a retry can succeed, where that is known. */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	public boolean is(String errorCode) {
		return errorCode.equals(this.cognitoError);
	}

	/** How many attempts of the call were sent; 0 when the call was not made. */
	public int attempts() {
		return this.attempts;
	}

	/**
	 * Whether Cognito may have done what was asked although the call failed: an attempt
	 * went out and its answer was lost (a timeout, a 5xx, a reset connection), a trigger
	 * failed after the change, a retry was refused as NotAuthorized or ExpiredCode, which
	 * is how Cognito answers a repeat of what an earlier attempt already did, or a retry
	 * found no room in the budget after attempts whose answers made the SDK retry (a
	 * timeout or 5xx among them). Only the user's state can tell.
	 */
	public boolean mayHaveBeenApplied() {
		return switch (this.kind) {
			case TIMEOUT, UNAVAILABLE, TRIGGER_FAILED, BUDGET_EXHAUSTED -> this.attempts > 0;
			case REJECTED, CODE_EXPIRED -> this.attempts > 1 && (is(NOT_AUTHORIZED) || is(EXPIRED_CODE));
			default -> false;
		};
	}

	/** Whether this failure means Cognito did not work: no answer in time, or a 5xx. */
	public boolean isOutage() {
		return this.kind == Kind.UNAVAILABLE || this.kind == Kind.TIMEOUT;
	}

	/**
	 * The kinds of failure the service tells apart.
	 */
	public enum Kind {

		/** UserNotFoundException. */
		USER_NOT_FOUND,

		/** CodeMismatchException. */
		CODE_MISMATCH,

		/** ExpiredCodeException. */
		CODE_EXPIRED,

		/** TooManyFailedAttemptsException. */
		TOO_MANY_FAILED_ATTEMPTS,

		/** AliasExistsException. */
		ALIAS_EXISTS,

		/** Cognito throttled the call, after the SDK's retries. */
		THROTTLED,

		/**
		 * The service's own share of Cognito's request rate is used up: the call, or its
		 * retry after {@code attempts} were sent, was not sent.
		 */
		BUDGET_EXHAUSTED,

		/** A Lambda trigger of the pool failed. */
		TRIGGER_FAILED,

		/** Any other refusal of the request by Cognito. */
		REJECTED,

		/** A 5xx, or Cognito could not be reached. */
		UNAVAILABLE,

		/** Cognito has been failing: the circuit is open and the call was not made. */
		CIRCUIT_OPEN,

		/** No answer within the call's time budget. */
		TIMEOUT,

		/**
		 * STS refused or could not give the session that names the caller in CloudTrail
		 * (SourceIdentity); Cognito was not called.
		 */
		SOURCE_IDENTITY_UNAVAILABLE

	}

}
