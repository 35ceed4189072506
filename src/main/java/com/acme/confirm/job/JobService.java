package com.acme.confirm.job;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditCompletion;
import com.acme.confirm.audit.AuditLog;
import com.acme.confirm.audit.AuditOutcome;
import com.acme.confirm.audit.PendingAudit;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemDetails;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.security.Caller;
import com.acme.confirm.web.RequestOrigin;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Reads jobs and their items, and pauses, resumes and cancels jobs. A change is one
 * conditional update of the job's state, which every replica's lanes read before each
 * item; each is audited.
 */
@Service
class JobService {

	/** The largest page of jobs or items. */
	static final int PAGE_MAX = 1000;

	private static final List<JobState> UNFINISHED = List.of(JobState.QUEUED, JobState.RUNNING, JobState.PAUSED);

	private final JobAccess access;

	private final JobRepository jobs;

	private final JobItemRepository itemRows;

	private final JobViews views;

	private final AuditLog auditLog;

	private final JobScheduling scheduling;

	private final Clock clock;

	JobService(JobAccess access, JobRepository jobs, JobItemRepository itemRows, JobViews views, AuditLog auditLog,
			JobScheduling scheduling, Clock clock) {
		this.access = access;
		this.jobs = jobs;
		this.itemRows = itemRows;
		this.views = views;
		this.auditLog = auditLog;
		this.scheduling = scheduling;
		this.clock = clock;
	}

	ConfirmationJob get(Caller caller, UUID jobId) {
		return this.views.of(this.access.requireJob(caller, jobId));
	}

	ConfirmationJobPage list(Caller caller, String userPoolId, int pageSize, @Nullable String pageToken) {
		this.access.requirePool(caller, userPoolId);
		JobRepository.Cursor after = null;
		if (pageToken != null && !pageToken.isEmpty()) {
			String[] parts = decode(pageToken, "pageToken").split("/", -1);
			try {
				after = new JobRepository.Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
			}
			catch (RuntimeException ex) {
				throw badToken();
			}
		}
		List<JobRow> rows = this.jobs.findByPool(userPoolId, after, pageSize + 1);
		String next = null;
		if (rows.size() > pageSize) {
			rows = rows.subList(0, pageSize);
			JobRow last = rows.get(pageSize - 1);
			next = encode(last.createdAt() + "/" + last.id());
		}
		return new ConfirmationJobPage(rows.stream().map(this.views::of).toList(), next);
	}

	ConfirmationJobItemPage items(Caller caller, UUID jobId, @Nullable ItemOutcome outcome, int pageSize,
			@Nullable String pageToken) {
		this.access.requireJob(caller, jobId);
		long after = -1;
		if (pageToken != null && !pageToken.isEmpty()) {
			try {
				after = Long.parseLong(decode(pageToken, "pageToken"));
			}
			catch (NumberFormatException ex) {
				throw badToken();
			}
		}
		List<JobItemRepository.ItemRow> rows = this.itemRows.items(jobId, outcome, after, pageSize + 1);
		String next = null;
		if (rows.size() > pageSize) {
			rows = rows.subList(0, pageSize);
			next = encode(Long.toString(rows.get(pageSize - 1).seq()));
		}
		return new ConfirmationJobItemPage(rows.stream().map(JobService::item).toList(), next);
	}

	/** Every item of the job, page by page, for an export. */
	void forEachItem(Caller caller, UUID jobId, @Nullable ItemOutcome outcome,
			java.util.function.Consumer<JobItemRepository.ItemRow> each) {
		this.access.requireJob(caller, jobId);
		long after = -1;
		for (List<JobItemRepository.ItemRow> page = this.itemRows.items(jobId, outcome, after, PAGE_MAX); !page
			.isEmpty(); page = this.itemRows.items(jobId, outcome, after, PAGE_MAX)) {
			page.forEach(each);
			after = page.get(page.size() - 1).seq();
		}
	}

	ConfirmationJob pause(Caller caller, RequestOrigin origin, UUID jobId) {
		return change(AuditAction.PAUSE_CONFIRMATION_JOB, caller, origin, jobId,
				List.of(JobState.QUEUED, JobState.RUNNING), JobState.PAUSED, List.of(JobState.PAUSED));
	}

	ConfirmationJob resume(Caller caller, RequestOrigin origin, UUID jobId) {
		return change(AuditAction.RESUME_CONFIRMATION_JOB, caller, origin, jobId, List.of(JobState.PAUSED),
				JobState.RUNNING, List.of(JobState.QUEUED, JobState.RUNNING));
	}

	ConfirmationJob cancel(Caller caller, RequestOrigin origin, UUID jobId) {
		return change(AuditAction.CANCEL_CONFIRMATION_JOB, caller, origin, jobId, UNFINISHED, JobState.CANCELLED,
				List.of(JobState.CANCELLED));
	}

	/**
	 * Moves the job from one of {@code from} to {@code to}; a job already where the
	 * change leads is left as it is, any other answers 409.
	 */
	private ConfirmationJob change(AuditAction action, Caller caller, RequestOrigin origin, UUID jobId,
			List<JobState> from, JobState to, List<JobState> already) {
		JobRow job = this.access.requireJob(action, caller, origin, jobId);
		PendingAudit attempt = this.auditLog.begin(action, caller, origin, job.userPoolId(),
				new JobAccess.JobTarget(jobId));
		boolean moved = this.jobs.transition(jobId, from, to, (to == JobState.CANCELLED) ? this.clock.instant() : null);
		JobRow now = this.jobs.find(jobId).orElseThrow();
		if (!moved && !already.contains(now.state())) {
			ProblemException conflict = new ProblemException(ProblemCode.CONFIRMATION_JOB_STATE_CONFLICT,
					"The job is " + now.state() + ", which " + action + " does not apply to.")
				.with("state", now.state().name());
			this.auditLog.complete(attempt, AuditCompletion.failed(conflict.code(), null, null));
			throw conflict.with(ProblemDetails.AUDIT_EVENT_ID, attempt.id());
		}
		this.auditLog.complete(attempt, new AuditCompletion(AuditOutcome.SUCCEEDED, null, null, null, false));
		if (moved && to == JobState.RUNNING) {
			this.scheduling.ensureScheduled(now, this.clock.instant());
		}
		return this.views.of(now);
	}

	static ConfirmationJobItem item(JobItemRepository.ItemRow row) {
		ItemOutcome outcome = row.outcome();
		return new ConfirmationJobItem(row.username(),
				(outcome != null && outcome != ItemOutcome.FAILED) ? outcome.name() : null, row.problem(),
				row.auditEventId(), row.completedAt());
	}

	private static String encode(String cursor) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String token, String field) {
		try {
			return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw badToken();
		}
	}

	private static ProblemException badToken() {
		return new ProblemException(ProblemCode.VALIDATION_FAILED, "pageToken is not one this service gave.")
			.with("errors", List.of(java.util.Map.of("field", "pageToken", "message", "is not a page token")));
	}

}
