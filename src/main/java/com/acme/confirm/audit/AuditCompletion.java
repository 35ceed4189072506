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
 */
public record AuditCompletion(AuditOutcome outcome, @Nullable String errorCode, @Nullable String cognitoRequestId,
		@Nullable String userStatus, boolean emailVerifiedSet) {

	/**
	 * An attempt that failed with this problem: a denial or a failure.
	 */
	public static AuditCompletion failed(ProblemCode code, @Nullable String cognitoRequestId,
			@Nullable String userStatus) {
		return new AuditCompletion(AuditOutcome.ofFailure(code), code.name(), cognitoRequestId, userStatus, false);
	}

}
