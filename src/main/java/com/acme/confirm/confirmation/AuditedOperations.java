package com.acme.confirm.confirmation;

import java.util.UUID;
import java.util.function.Supplier;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditLog;
import com.acme.confirm.audit.AuditCompletion;
import com.acme.confirm.audit.AuditedRequest;
import com.acme.confirm.audit.PendingAudit;
import com.acme.confirm.cognito.CognitoFailure;
import com.acme.confirm.cognito.SourceIdentities;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemDetails;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.security.Caller;
import com.acme.confirm.userpool.UserPools;
import com.acme.confirm.web.RequestOrigin;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Runs an operation inside its audit event: the event is written PENDING first (if that
 * fails, the operation does not run) and completed with the outcome, or with the problem
 * the operation failed with, which then names the event. The operation's Cognito calls
 * are made for the caller: where the pool signs them with a SourceIdentity session, the
 * event records the SourceIdentity that CloudTrail will show.
 */
@Component
class AuditedOperations {

	private final AuditLog auditLog;

	private final UserPools userPools;

	private final SourceIdentities sourceIdentities;

	AuditedOperations(AuditLog auditLog, UserPools userPools, SourceIdentities sourceIdentities) {
		this.auditLog = auditLog;
		this.userPools = userPools;
		this.sourceIdentities = sourceIdentities;
	}

	<T extends OperationOutcome> AuditedResult<T> run(AuditAction action, Caller caller, RequestOrigin origin,
			String userPoolId, AuditedRequest request, Supplier<T> operation) {
		return run(null, action, caller, origin, userPoolId, request, operation);
	}

	/**
	 * As
	 * {@link #run(AuditAction, Caller, RequestOrigin, String, AuditedRequest, Supplier)},
	 * with the audit event's id chosen by the caller (a fresh one when {@code null}).
	 */
	<T extends OperationOutcome> AuditedResult<T> run(@Nullable UUID attemptId, AuditAction action, Caller caller,
			RequestOrigin origin, String userPoolId, AuditedRequest request, Supplier<T> operation) {
		String sourceIdentity = this.userPools.find(userPoolId)
			.flatMap((pool) -> this.sourceIdentities.forCaller(pool, caller.subject()))
			.orElse(null);
		PendingAudit attempt = (attemptId != null)
				? this.auditLog.begin(attemptId, action, caller, origin, userPoolId, request, sourceIdentity)
				: this.auditLog.begin(action, caller, origin, userPoolId, request, sourceIdentity);
		T result;
		try {
			result = this.sourceIdentities.actingFor(caller.subject(), operation);
		}
		catch (CognitoFailure ex) {
			throw failed(attempt, CognitoProblem.of(ex));
		}
		catch (ProblemException ex) {
			throw failed(attempt, ex);
		}
		catch (RuntimeException ex) {
			this.auditLog.complete(attempt, AuditCompletion.failed(ProblemCode.INTERNAL_ERROR, null, null));
			throw ex;
		}
		this.auditLog.complete(attempt, result.auditCompletion());
		return new AuditedResult<>(result, attempt.id());
	}

	private ProblemException failed(PendingAudit attempt, ProblemException ex) {
		String requestId = (ex instanceof CognitoProblem cognito) ? cognito.requestId() : null;
		Object userStatus = ex.properties().get(ProblemDetails.USER_STATUS);
		this.auditLog.complete(attempt,
				AuditCompletion.failed(ex.code(), requestId, (userStatus instanceof String status) ? status : null));
		return ex.with(ProblemDetails.AUDIT_EVENT_ID, attempt.id());
	}

	/**
	 * An operation's result and the audit event that records it.
	 *
	 * @param <T> the result type
	 * @param result the result
	 * @param auditEventId the event's id
	 */
	record AuditedResult<T>(T result, UUID auditEventId) {
	}

	/**
	 * What an operation that succeeded reports to its audit event.
	 */
	interface OperationOutcome {

		AuditCompletion auditCompletion();

	}

}
