package com.acme.confirm.confirmation;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditLog;
import com.acme.confirm.cognito.CognitoCall;
import com.acme.confirm.cognito.CognitoQueue;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemDetails;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.security.Caller;
import com.acme.confirm.web.RequestOrigin;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.stereotype.Service;

/**
 * Confirms each username of a batch as adminConfirmSignUp would, each with its own audit
 * event, a few at a time and paced by the Cognito budget; a failure of one is reported in
 * its place. What holds for all of them (distinct usernames, the pool, the caller's
 * permission, the reason) is checked first. The items' Cognito calls wait their turn in
 * the budget until the batch's deadline ({@link CognitoQueue#timeFor}) rather than being
 * refused when other work holds it.
 */
@Service
class BatchConfirmationService {

	private final ConfirmationService confirmations;

	private final PoolAccess access;

	private final AuditLog auditLog;

	private final Executor batchExecutor;

	private final int batchParallelism;

	private final CognitoQueue queue;

	BatchConfirmationService(ConfirmationService confirmations, PoolAccess access, AuditLog auditLog,
			@Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor batchExecutor,
			BatchProperties batchProperties, CognitoQueue queue) {
		this.confirmations = confirmations;
		this.access = access;
		this.auditLog = auditLog;
		this.batchExecutor = batchExecutor;
		this.batchParallelism = batchProperties.parallelism();
		this.queue = queue;
	}

	BatchResult batchAdminConfirmSignUp(Caller caller, RequestOrigin origin, String userPoolId,
			BatchAdminConfirmSignUpRequest request) {
		if (new HashSet<>(request.usernames()).size() != request.usernames().size()) {
			ProblemException repeated = new ProblemException(ProblemCode.VALIDATION_FAILED,
					"The usernames of a batch must be distinct.")
				.with("errors", List.of(Map.of("field", "usernames", "message", "must be distinct")));
			this.auditLog
				.rejected(AuditAction.ADMIN_CONFIRM_SIGN_UP, caller, origin, userPoolId, request, repeated.code())
				.ifPresent((id) -> repeated.with(ProblemDetails.AUDIT_EVENT_ID, id));
			throw repeated;
		}
		try {
			this.access.requireAdminConfirm(caller, userPoolId, request);
		}
		catch (ProblemException ex) {
			// The batch is refused as a whole, before any Cognito call: one event for it,
			// naming its usernames, so that a refused caller cannot have a row written
			// per username.
			this.auditLog.rejected(AuditAction.ADMIN_CONFIRM_SIGN_UP, caller, origin, userPoolId, request, ex.code())
				.ifPresent((id) -> ex.with(ProblemDetails.AUDIT_EVENT_ID, id));
			throw ex;
		}
		String instance = "/api/v1/user-pools/" + userPoolId + "/admin-confirm-sign-up/batch";
		Instant deadline = Instant.now().plus(this.queue.timeFor(request.usernames().size(), callsPerItem(request)));
		BatchRun run = new BatchRun(request.usernames(), (username) -> this.queue.until(deadline,
				() -> this.confirmations.adminConfirmSignUp(caller, origin, userPoolId, request.item(username))),
				instance);
		return new BatchResult(run.run(this.batchExecutor, this.batchParallelism));
	}

	/** What confirming one user asks of Cognito: ConfirmationDecisions.adminConfirm. */
	static List<CognitoCall> callsPerItem(BatchAdminConfirmSignUpRequest request) {
		return Boolean.TRUE.equals(request.markEmailVerified())
				? List.of(CognitoCall.GET_USER, CognitoCall.ADMIN_CONFIRM_SIGN_UP, CognitoCall.MARK_EMAIL_VERIFIED)
				: List.of(CognitoCall.GET_USER, CognitoCall.ADMIN_CONFIRM_SIGN_UP);
	}

}
