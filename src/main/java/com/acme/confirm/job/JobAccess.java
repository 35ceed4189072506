package com.acme.confirm.job;

import java.util.Set;
import java.util.UUID;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditLog;
import com.acme.confirm.audit.AuditedRequest;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemDetails;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.security.Authorization;
import com.acme.confirm.security.Caller;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.Permission;
import com.acme.confirm.userpool.UserPools;
import com.acme.confirm.web.RequestOrigin;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What every job operation checks first: the pool is managed here (404), the job exists
 * and is not past its retention (404), the caller holds BULK_CONFIRM on the job's pool
 * (403). A refused change of a job is audited as the action it was; a refused read is
 * not, as reading the audit trail is not.
 */
@Component
class JobAccess {

	private static final Set<Permission> BULK_CONFIRM = Set.of(Permission.BULK_CONFIRM);

	private final UserPools userPools;

	private final Authorization authorization;

	private final JobRepository jobs;

	private final AuditLog auditLog;

	private final JobRetention retention;

	JobAccess(UserPools userPools, Authorization authorization, JobRepository jobs, AuditLog auditLog,
			JobRetention retention) {
		this.userPools = userPools;
		this.authorization = authorization;
		this.jobs = jobs;
		this.auditLog = auditLog;
		this.retention = retention;
	}

	/** The pool, if the caller may run jobs on it. */
	ManagedUserPool requirePool(Caller caller, String userPoolId) {
		ManagedUserPool pool = this.userPools.require(userPoolId);
		this.authorization.require(caller, pool, BULK_CONFIRM);
		return pool;
	}

	/** The job, if the caller may see it. */
	JobRow requireJob(Caller caller, UUID jobId) {
		JobRow job = this.jobs.find(jobId)
			.filter((found) -> !this.retention.expired(found))
			.orElseThrow(() -> new ProblemException(ProblemCode.CONFIRMATION_JOB_NOT_FOUND,
					"There is no confirmation job " + jobId + "."));
		requirePool(caller, job.userPoolId());
		return job;
	}

	/** As {@link #requireJob}, a refusal audited as the action. */
	JobRow requireJob(AuditAction action, Caller caller, RequestOrigin origin, UUID jobId) {
		try {
			return requireJob(caller, jobId);
		}
		catch (ProblemException ex) {
			String poolId = this.jobs.find(jobId).map(JobRow::userPoolId).orElse("-");
			throw audited(ex, action, caller, origin, poolId, new JobTarget(jobId));
		}
	}

	/** Records the refusal, and names its event in the problem. */
	ProblemException audited(ProblemException ex, AuditAction action, Caller caller, RequestOrigin origin,
			String userPoolId, AuditedRequest request) {
		this.auditLog.rejected(action, caller, origin, userPoolId, request, ex.code())
			.ifPresent((id) -> ex.with(ProblemDetails.AUDIT_EVENT_ID, id));
		return ex;
	}

	/**
	 * A job as the audit event of an action on it names it.
	 *
	 * @param jobId the job
	 */
	record JobTarget(UUID jobId) implements AuditedRequest {

		@Override
		public @Nullable String auditedUsername() {
			return null;
		}

		@Override
		public UUID auditedJobId() {
			return this.jobId;
		}

	}

}
