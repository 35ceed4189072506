package com.acme.confirm.audit;

import com.acme.confirm.problem.ProblemCode;
import org.jspecify.annotations.Nullable;

/**
 * How an attempt ended, as its audit event records it.
 *
 * @param outcome how it ended
 * @param errorCode the problem code it failed with
 * @param cognitoRequestId Cognito's request id of the deciding call
 * @param userStatus the user's status as the attempt last read it ({@code UNKNOWN} when a
 * read after a failed call failed too)
 * @param emailVerifiedSet whether the attempt set {@code email_verified=true}
 * @param username the user's canonical username, once Cognito has named it
 * @param sub the user's {@code sub}, once Cognito has named it
 */
public record AuditCompletion(AuditOutcome outcome, @Nullable String errorCode, @Nullable String cognitoRequestId,
		@Nullable String userStatus, boolean emailVerifiedSet, @Nullable String username, @Nullable String sub) {

	/**
	 * How an attempt ended, before or without Cognito naming the user.
	 */
	public AuditCompletion(AuditOutcome outcome, @Nullable String errorCode, @Nullable String cognitoRequestId,
			@Nullable String userStatus, boolean emailVerifiedSet) {
		this(outcome, errorCode, cognitoRequestId, userStatus, emailVerifiedSet, null, null);
	}

	/**
	 * This completion, for the user Cognito named: its canonical username and sub.
	 */
	public AuditCompletion identified(String canonicalUsername, @Nullable String userSub) {
		return new AuditCompletion(this.outcome, this.errorCode, this.cognitoRequestId, this.userStatus,
				this.emailVerifiedSet, canonicalUsername, userSub);
	}

	/**
	 * An attempt that failed with this problem: a denial or a failure.
	 */
	public static AuditCompletion failed(ProblemCode code, @Nullable String cognitoRequestId,
			@Nullable String userStatus) {
		return new AuditCompletion(AuditOutcome.ofFailure(code), code.name(), cognitoRequestId, userStatus, false);
	}

}
