package com.acme.confirm.confirmation;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ProblemDetail;

/**
 * How one item of a confirmation job ended, or that it must be tried again later.
 *
 * @param outcome CONFIRMED, ALREADY_CONFIRMED or WOULD_CONFIRM when it succeeded
 * @param auditEventId the audit event that records it
 * @param problem why it failed
 * @param retry true when nothing was decided and nothing changed (the budget, the audit
 * trail or Cognito was not available): the item is tried again later
 */
public record JobItemResult(@Nullable String outcome, @Nullable UUID auditEventId, @Nullable ProblemDetail problem,
		boolean retry) {

	/** A dry run's outcome for a user that would be confirmed. */
	public static final String WOULD_CONFIRM = "WOULD_CONFIRM";

	static JobItemResult succeeded(String outcome, @Nullable UUID auditEventId) {
		return new JobItemResult(outcome, auditEventId, null, false);
	}

	static JobItemResult failed(ProblemDetail problem, @Nullable UUID auditEventId) {
		return new JobItemResult(null, auditEventId, problem, false);
	}

	static JobItemResult later() {
		return new JobItemResult(null, null, null, true);
	}

}
