package com.acme.confirm.confirmation;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditEvent;
import com.acme.confirm.audit.AuditOutcome;
import com.acme.confirm.audit.AuditSettlement;
import com.acme.confirm.cognito.CognitoFailure;
import com.acme.confirm.cognito.CognitoOperations;
import com.acme.confirm.cognito.CognitoUser;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemDetails;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.UserPools;

import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;

/**
 * Confirms the items of a confirmation job one at a time, each exactly as
 * adminConfirmSignUp confirms a user (the same decisions, its own audit event), and tells
 * how an item interrupted by a crash ended, by the reconciler's rule, before it is tried
 * again. The job decided at its creation that its creator may; an item checks only that
 * the pool is still managed.
 */
@Service
public class JobItemConfirmation {

	/**
	 * Problems after which nothing changed: the budget, the audit trail or Cognito was
	 * not there. The item waits and is tried again, unless the user's state is not known.
	 */
	private static final Set<ProblemCode> TRANSIENT = Set.of(ProblemCode.THROTTLED, ProblemCode.AUDIT_UNAVAILABLE,
			ProblemCode.COGNITO_UNAVAILABLE);

	private final UserPools userPools;

	private final ConfirmationDecisions decisions;

	private final CognitoOperations cognito;

	private final AuditedOperations audited;

	private final AuditSettlement settlement;

	JobItemConfirmation(UserPools userPools, ConfirmationDecisions decisions, CognitoOperations cognito,
			AuditedOperations audited, AuditSettlement settlement) {
		this.userPools = userPools;
		this.decisions = decisions;
		this.cognito = cognito;
		this.audited = audited;
		this.settlement = settlement;
	}

	/**
	 * Confirms one user, audited as ADMIN_CONFIRM_SIGN_UP under the id given.
	 * @param job the job's context
	 * @param username the user
	 * @param attemptId the id of the attempt's audit event, recorded by the job before
	 * @param instance the problem's {@code instance}
	 * @return the item's result
	 */
	public JobItemResult confirm(JobItemContext job, String username, UUID attemptId, String instance) {
		AdminConfirmSignUpRequest request = new AdminConfirmSignUpRequest(username, job.clientMetadata(), job.reason(),
				job.markEmailVerified());
		try {
			AuditedOperations.AuditedResult<ConfirmationDecision> decision = this.audited.run(attemptId,
					AuditAction.ADMIN_CONFIRM_SIGN_UP, job.caller(), job.origin(), job.userPoolId(),
					request.inJob(job.jobId()),
					() -> this.decisions.adminConfirm(this.userPools.require(job.userPoolId()), request));
			return JobItemResult.succeeded(decision.result().outcome().name(), decision.auditEventId());
		}
		catch (ProblemException ex) {
			if (TRANSIENT.contains(ex.code())
					&& !ConfirmationDecisions.UNKNOWN.equals(ex.properties().get(ProblemDetails.USER_STATUS))) {
				return JobItemResult.later();
			}
			return JobItemResult.failed(ProblemDetails.of(ex, instance), attemptId);
		}
	}

	/**
	 * What confirming the user would do, without changing anything: WOULD_CONFIRM,
	 * ALREADY_CONFIRMED, or the problem the confirmation would answer.
	 * @param userPoolId the pool
	 * @param username the user
	 * @param markEmailVerified whether the confirmation would set email_verified
	 * @param instance the problem's {@code instance}
	 * @return the item's result, not audited
	 */
	public JobItemResult dryRun(String userPoolId, String username, boolean markEmailVerified, String instance) {
		try {
			ManagedUserPool pool = this.userPools.require(userPoolId);
			CognitoUser user = this.cognito.getUser(pool, username);
			if (user.isConfirmed()) {
				return JobItemResult.succeeded(ConfirmationOutcome.ALREADY_CONFIRMED.name(), null);
			}
			ConfirmationDecisions.requireConfirmable(user);
			if (markEmailVerified && !user.hasEmail()) {
				throw new ProblemException(ProblemCode.VALIDATION_FAILED,
						"markEmailVerified is set, but the user has no email address.");
			}
			return JobItemResult.succeeded(JobItemResult.WOULD_CONFIRM, null);
		}
		catch (CognitoFailure ex) {
			ProblemException problem = CognitoProblem.of(ex);
			return TRANSIENT.contains(problem.code()) ? JobItemResult.later()
					: JobItemResult.failed(ProblemDetails.of(problem, instance), null);
		}
		catch (ProblemException ex) {
			return JobItemResult.failed(ProblemDetails.of(ex, instance), null);
		}
	}

	/**
	 * How an attempt that a crash interrupted ended, decided from its audit event, which
	 * is settled now from the user's state if it is still PENDING.
	 * @param attemptId the attempt's audit event id
	 * @param instance the problem's {@code instance}
	 * @return the item's result; empty when the attempt did not confirm the user and the
	 * item is to be confirmed anew (it never started, or the user is still UNCONFIRMED)
	 */
	public Optional<JobItemResult> resolveInterrupted(UUID attemptId, String instance) {
		Optional<AuditEvent> event = this.settlement.settle(attemptId);
		if (event.isEmpty()) {
			return Optional.empty();
		}
		AuditEvent ended = event.get();
		if (ended.outcome() == AuditOutcome.PENDING) {
			return Optional.of(JobItemResult.later());
		}
		if (ended.outcome() == AuditOutcome.CONFIRMED || ended.outcome() == AuditOutcome.ALREADY_CONFIRMED) {
			return Optional.of(JobItemResult.succeeded(ended.outcome().name(), ended.id()));
		}
		if (PendingConfirmationSettler.INTERRUPTED.equals(ended.errorCode()) || ended.errorCode() == null) {
			return Optional.empty();
		}
		ProblemCode code = Arrays.stream(ProblemCode.values())
			.filter((known) -> known.name().equals(ended.errorCode()))
			.findFirst()
			.orElse(ProblemCode.INTERNAL_ERROR);
		if (TRANSIENT.contains(code) && !ConfirmationDecisions.UNKNOWN.equals(ended.userStatus())) {
			return Optional.empty();
		}
		ProblemException problem = new ProblemException(code, "The attempt failed with " + code + ".");
		if (ended.userStatus() != null) {
			problem.with(ProblemDetails.USER_STATUS, ended.userStatus());
		}
		ProblemDetail detail = ProblemDetails.of(problem.with(ProblemDetails.AUDIT_EVENT_ID, ended.id()), instance);
		return Optional.of(JobItemResult.failed(detail, ended.id()));
	}

}
