package com.acme.confirm.job;

import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditCompletion;
import com.acme.confirm.audit.AuditLog;
import com.acme.confirm.audit.AuditOutcome;
import com.acme.confirm.audit.PendingAudit;
import com.acme.confirm.correlation.CorrelationId;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemDetails;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.security.Caller;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.web.RequestOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates jobs: checks the pool, the caller and the selection, then writes the job and
 * all of its items in one transaction (a job is never half-created: an upload refused at
 * its last line leaves nothing), audited as CREATE_CONFIRMATION_JOB, and only then puts
 * its lanes on the scheduler. It stays whole past 200 lines so that the order of the
 * checks, the audit event and the transaction reads in one place.
 */
@Service
class JobCreation {

	private static final Logger log = LoggerFactory.getLogger(JobCreation.class);

	/** Items written per JDBC batch. */
	static final int BATCH = 1000;

	private final JobAccess access;

	private final JobRepository jobs;

	private final JobItemRepository itemRows;

	private final TransactionTemplate transactions;

	private final AuditLog auditLog;

	private final JobScheduling scheduling;

	private final JobViews views;

	private final JobProperties properties;

	private final Clock clock;

	JobCreation(JobAccess access, JobRepository jobs, JobItemRepository itemRows, TransactionTemplate transactions,
			AuditLog auditLog, JobScheduling scheduling, JobViews views, JobProperties properties, Clock clock) {
		this.access = access;
		this.jobs = jobs;
		this.itemRows = itemRows;
		this.transactions = transactions;
		this.auditLog = auditLog;
		this.scheduling = scheduling;
		this.views = views;
		this.properties = properties;
		this.clock = clock;
	}

	ConfirmationJob create(Caller caller, RequestOrigin origin, String userPoolId,
			CreateConfirmationJobRequest request) {
		checked(caller, origin, userPoolId, request, () -> validate(request));
		List<String> usernames = request.usernames();
		if (usernames != null) {
			return create(caller, origin, userPoolId, request, JobRow.Selection.LIST, (jobId, lanes) -> {
				this.itemRows.insertItems(jobId, lanes, 0, usernames);
				return (long) usernames.size();
			});
		}
		return create(caller, origin, userPoolId, request, JobRow.Selection.QUERY, (jobId, lanes) -> 0L);
	}

	ConfirmationJob createFromCsv(Caller caller, RequestOrigin origin, String userPoolId, InputStream body,
			CreateConfirmationJobRequest request) {
		checked(caller, origin, userPoolId, request, () -> {
		});
		return create(caller, origin, userPoolId, request, JobRow.Selection.CSV,
				(jobId, lanes) -> insertCsv(jobId, lanes, new CsvUsernames(body)));
	}

	private long insertCsv(UUID jobId, int lanes, CsvUsernames csv) {
		long total = 0;
		Set<String> chunk = new LinkedHashSet<>();
		for (String username = csv.next(); username != null; username = csv.next()) {
			if (total + chunk.size() >= this.properties.maxCsvUsernames()) {
				throw csv.invalid("is past the most usernames a job takes (" + this.properties.maxCsvUsernames() + ")");
			}
			if (!chunk.add(username)) {
				throw csv.invalid("repeats a username; the usernames of a job must be distinct");
			}
			if (chunk.size() == BATCH) {
				total += insertChunk(jobId, lanes, total, chunk);
			}
		}
		total += insertChunk(jobId, lanes, total, chunk);
		if (total == 0) {
			throw new ProblemException(ProblemCode.VALIDATION_FAILED, "The CSV holds no username.").with("errors",
					List.of(Map.of("field", "body", "message", "holds no username")));
		}
		return total;
	}

	private long insertChunk(UUID jobId, int lanes, long firstSeq, Set<String> chunk) {
		try {
			this.itemRows.insertItems(jobId, lanes, firstSeq, new ArrayList<>(chunk));
		}
		catch (DuplicateKeyException ex) {
			throw new ProblemException(ProblemCode.VALIDATION_FAILED,
					"The CSV repeats a username; the usernames of a job must be distinct.")
				.with("errors", List.of(Map.of("field", "body", "message", "repeats a username")));
		}
		int size = chunk.size();
		chunk.clear();
		return size;
	}

	private ConfirmationJob create(Caller caller, RequestOrigin origin, String userPoolId,
			CreateConfirmationJobRequest request, JobRow.Selection selection, BiFunction<UUID, Integer, Long> items) {
		UUID jobId = UUID.randomUUID();
		PendingAudit attempt = this.auditLog.begin(AuditAction.CREATE_CONFIRMATION_JOB, caller, origin, userPoolId,
				request.inJob(jobId));
		int lanes = this.properties.lanes();
		JobRow job = new JobRow(jobId, userPoolId, JobState.QUEUED, Boolean.TRUE.equals(request.dryRun()), selection,
				request.query(), null, selection != JobRow.Selection.QUERY, JobLimits.stated(request.reason()),
				(request.clientMetadata() != null) ? Map.copyOf(request.clientMetadata()) : Map.of(),
				Boolean.TRUE.equals(request.markEmailVerified()), caller, CorrelationId.current(), origin, lanes, 0, 0,
				0, 0, 0, this.clock.instant(), null, null, attempt.id());
		long total;
		try {
			total = this.transactions.execute((status) -> {
				this.jobs.insert(job);
				long inserted = items.apply(jobId, lanes);
				this.jobs.setTotal(jobId, inserted);
				return inserted;
			});
		}
		catch (ProblemException ex) {
			this.auditLog.complete(attempt, AuditCompletion.failed(ex.code(), null, null));
			throw ex.with(ProblemDetails.AUDIT_EVENT_ID, attempt.id());
		}
		catch (RuntimeException ex) {
			this.auditLog.complete(attempt, AuditCompletion.failed(ProblemCode.INTERNAL_ERROR, null, null));
			throw ex;
		}
		this.auditLog.complete(attempt, new AuditCompletion(AuditOutcome.SUCCEEDED, null, null, null, false));
		log.info("Confirmation job {} created on {} with {} items ({}{})", jobId, userPoolId,
				(selection == JobRow.Selection.QUERY) ? "a query's" : total, selection,
				job.dryRun() ? ", dry run" : "");
		try {
			this.scheduling.ensureScheduled(job, this.clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("Confirmation job {} could not be scheduled now; the next sweep schedules it", jobId, ex);
		}
		return this.views.of(this.jobs.find(jobId).orElseThrow());
	}

	/**
	 * The pool, the caller and the reason are checked, then the selection; refusals
	 * audited.
	 */
	private ManagedUserPool checked(Caller caller, RequestOrigin origin, String userPoolId,
			CreateConfirmationJobRequest request, Runnable validation) {
		try {
			ManagedUserPool pool = this.access.requirePool(caller, userPoolId);
			if (pool.requireReason() && JobLimits.stated(request.reason()) == null) {
				throw new ProblemException(ProblemCode.REASON_REQUIRED,
						"User pool '" + pool.alias() + "' requires a reason for confirming without a code.");
			}
			validation.run();
			return pool;
		}
		catch (ProblemException ex) {
			throw this.access.audited(ex, AuditAction.CREATE_CONFIRMATION_JOB, caller, origin, userPoolId, request);
		}
	}

	private static void validate(CreateConfirmationJobRequest request) {
		if ((request.usernames() == null) == (request.query() == null)) {
			throw invalid("usernames", "give either usernames or query");
		}
		if (request.usernames() != null) {
			Set<String> seen = new HashSet<>();
			List<String> repeated = request.usernames().stream().filter((username) -> !seen.add(username)).toList();
			if (!repeated.isEmpty()) {
				throw invalid("usernames", "must be distinct");
			}
		}
		CreateConfirmationJobRequest.JobQuery query = request.query();
		if (query != null && query.createdAfter() != null && query.createdBefore() != null
				&& !query.createdAfter().isBefore(query.createdBefore())) {
			throw invalid("query.createdBefore", "must be after query.createdAfter");
		}
	}

	private static ProblemException invalid(String field, String message) {
		return new ProblemException(ProblemCode.VALIDATION_FAILED, field + " " + message + ".").with("errors",
				List.of(Map.of("field", field, "message", message)));
	}

}
