package com.acme.confirm.audit;

import com.acme.confirm.problem.ProblemCode;

/**
 * How an audited operation ended; {@link #PENDING} until it has.
 */
public enum AuditOutcome {

	PENDING, CONFIRMED, ALREADY_CONFIRMED, SUCCEEDED, DENIED, FAILED;

	/**
	 * The outcome of an attempt that failed with this problem: a denial, or a failure.
	 */
	public static AuditOutcome ofFailure(ProblemCode code) {
		return (code == ProblemCode.FORBIDDEN) ? DENIED : FAILED;
	}

}
