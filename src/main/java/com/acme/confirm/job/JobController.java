package com.acme.confirm.job;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.Audited;
import com.acme.confirm.confirmation.PoolPermission;
import com.acme.confirm.confirmation.RequestConstraints;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemResponses;
import com.acme.confirm.security.Caller;
import com.acme.confirm.userpool.Permission;
import com.acme.confirm.userpool.UserPools;
import com.acme.confirm.web.BodyLimit;
import com.acme.confirm.web.RequestOrigin;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The confirmation jobs' operations. A CSV upload is read from the request's stream by
 * the job itself, under a limit of its own (lines and usernames), not the body limits of
 * the single operations.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "confirmation-jobs", description = "Confirm thousands to millions of users as a durable job")
class JobController {

	static final String TEXT_CSV = "text/csv";

	private final JobCreation creation;

	private final JobService jobs;

	JobController(JobCreation creation, JobService jobs) {
		this.creation = creation;
		this.jobs = jobs;
	}

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.REASON_REQUIRED, ProblemCode.FORBIDDEN,
			ProblemCode.USER_POOL_NOT_MANAGED, ProblemCode.PAYLOAD_TOO_LARGE, ProblemCode.UNSUPPORTED_MEDIA_TYPE,
			ProblemCode.AUDIT_UNAVAILABLE })
	@Operation(operationId = "createConfirmationJob", summary = "Create a confirmation job",
			description = "Selects the users by a list of 1 to 10,000 distinct usernames, a query (the pool's users "
					+ "listed with Cognito ListUsers: status, default UNCONFIRMED, a creation window on "
					+ "UserCreateDate, an attribute prefix), or, as text/csv, an upload of one username a line "
					+ "(optional header line 'username', up to 1,000,000, read as a stream; the other fields are "
					+ "query parameters then). Everything is checked before the job is created: a job is never "
					+ "half-created. Each item is confirmed as adminConfirmSignUp would and audited with the job's "
					+ "id; a dry run lists WOULD_CONFIRM and changes nothing. Jobs use at most "
					+ "confirm.jobs.budget-share of the pool's Cognito budget. Needs BULK_CONFIRM on the pool.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = {
							@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
									schema = @Schema(implementation = CreateConfirmationJobRequest.class)),
							@Content(mediaType = TEXT_CSV,
									schema = @Schema(type = "string",
											example = "username\njane@example.com\nsam@example.com")) }))
	@Audited(AuditAction.CREATE_CONFIRMATION_JOB)
	@PoolPermission(Permission.BULK_CONFIRM)
	@BodyLimit(BodyLimit.Kind.JOB)
	@PostMapping(path = "/user-pools/{userPoolId}/confirmation-jobs", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ConfirmationJob> createConfirmationJob(
			@Parameter(example = "eu-west-1_AbCdEf123") @PathVariable @Size(min = 1,
					max = RequestConstraints.USER_POOL_ID_MAX) @Pattern(
							regexp = UserPools.POOL_ID_PATTERN) String userPoolId,
			@Valid @RequestBody CreateConfirmationJobRequest request, Caller caller, RequestOrigin origin) {
		return accepted(this.creation.create(caller, origin, userPoolId, request));
	}

	@Audited(AuditAction.CREATE_CONFIRMATION_JOB)
	@BodyLimit(BodyLimit.Kind.UPLOAD)
	@PostMapping(path = "/user-pools/{userPoolId}/confirmation-jobs", consumes = TEXT_CSV,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ConfirmationJob> createConfirmationJobFromCsv(@PathVariable @Size(min = 1,
			max = RequestConstraints.USER_POOL_ID_MAX) @Pattern(regexp = UserPools.POOL_ID_PATTERN) String userPoolId,
			HttpServletRequest body,
			@Parameter(description = "text/csv uploads only: as reason in the JSON body") @RequestParam(
					required = false) @Size(max = RequestConstraints.REASON_MAX) @Pattern(
							regexp = RequestConstraints.TEXT) @Nullable String reason,
			@Parameter(description = "text/csv uploads only: as markEmailVerified in the JSON body") @RequestParam(
					defaultValue = "false") boolean markEmailVerified,
			@Parameter(description = "text/csv uploads only: as dryRun in the JSON body") @RequestParam(
					defaultValue = "false") boolean dryRun,
			Caller caller, RequestOrigin origin) throws IOException {
		CreateConfirmationJobRequest request = new CreateConfirmationJobRequest(null, null, reason, null,
				markEmailVerified, dryRun);
		return accepted(this.creation.createFromCsv(caller, origin, userPoolId, body.getInputStream(), request));
	}

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.FORBIDDEN, ProblemCode.USER_POOL_NOT_MANAGED })
	@Operation(operationId = "listConfirmationJobs", summary = "List a pool's confirmation jobs, newest first",
			description = "Pages with a cursor: pass nextPageToken as pageToken. Needs BULK_CONFIRM on the pool.")
	@PoolPermission(Permission.BULK_CONFIRM)
	@GetMapping(path = "/user-pools/{userPoolId}/confirmation-jobs", produces = MediaType.APPLICATION_JSON_VALUE)
	ConfirmationJobPage listConfirmationJobs(@Parameter(example = "eu-west-1_AbCdEf123") @PathVariable @Size(min = 1,
			max = RequestConstraints.USER_POOL_ID_MAX) @Pattern(regexp = UserPools.POOL_ID_PATTERN) String userPoolId,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int pageSize,
			@RequestParam(required = false) @Size(max = 200) @Nullable String pageToken, Caller caller) {
		return this.jobs.list(caller, userPoolId, pageSize, pageToken);
	}

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.FORBIDDEN, ProblemCode.CONFIRMATION_JOB_NOT_FOUND,
			ProblemCode.USER_POOL_NOT_MANAGED })
	@Operation(operationId = "getConfirmationJob", summary = "Read a confirmation job and its progress",
			description = "Counts, percent done and, while it runs, the completion estimated from the jobs' share "
					+ "of the budget. Needs BULK_CONFIRM on the job's pool.")
	@GetMapping(path = "/confirmation-jobs/{jobId}", produces = MediaType.APPLICATION_JSON_VALUE)
	ConfirmationJob getConfirmationJob(@PathVariable UUID jobId, Caller caller) {
		return this.jobs.get(caller, jobId);
	}

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.FORBIDDEN, ProblemCode.CONFIRMATION_JOB_NOT_FOUND,
			ProblemCode.USER_POOL_NOT_MANAGED, ProblemCode.NOT_ACCEPTABLE })
	@Operation(operationId = "listConfirmationJobItems", summary = "List a job's items",
			description = "In the order they were selected, optionally only those of one outcome (FAILED: those "
					+ "with a problem). Pages with a cursor: pass nextPageToken as pageToken. With Accept: text/csv "
					+ "all of them are exported at once (username, outcome, errorCode, auditEventId, completedAt). "
					+ "Needs BULK_CONFIRM on the job's pool.",
			responses = @ApiResponse(responseCode = "200", description = "OK",
					content = {
							@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
									schema = @Schema(implementation = ConfirmationJobItemPage.class)),
							@Content(mediaType = TEXT_CSV,
									schema = @Schema(type = "string",
											example = "username,outcome,errorCode,auditEventId,completedAt")) }))
	@GetMapping(path = "/confirmation-jobs/{jobId}/items", produces = MediaType.APPLICATION_JSON_VALUE)
	ConfirmationJobItemPage listConfirmationJobItems(@PathVariable UUID jobId,
			@RequestParam(required = false) @Nullable ItemOutcome outcome,
			@RequestParam(defaultValue = "100") @Min(1) @Max(JobService.PAGE_MAX) int pageSize,
			@RequestParam(required = false) @Size(max = 200) @Nullable String pageToken, Caller caller) {
		return this.jobs.items(caller, jobId, outcome, pageSize, pageToken);
	}

	@GetMapping(path = "/confirmation-jobs/{jobId}/items", produces = TEXT_CSV)
	void exportConfirmationJobItems(@PathVariable UUID jobId,
			@RequestParam(required = false) @Nullable ItemOutcome outcome, Caller caller, HttpServletResponse response)
			throws IOException {
		// checked before the first byte goes out, so that a refusal is a problem
		this.jobs.get(caller, jobId);
		response.setContentType(TEXT_CSV + ";charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"confirmation-job-" + jobId + ".csv\"");
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		out.write("username,outcome,errorCode,auditEventId,completedAt\n");
		this.jobs.forEachItem(caller, jobId, outcome, (item) -> JobItemsCsv.write(out, item));
		out.flush();
	}

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.FORBIDDEN, ProblemCode.CONFIRMATION_JOB_NOT_FOUND,
			ProblemCode.USER_POOL_NOT_MANAGED, ProblemCode.CONFIRMATION_JOB_STATE_CONFLICT,
			ProblemCode.AUDIT_UNAVAILABLE })
	@Operation(operationId = "pauseConfirmationJob", summary = "Pause a queued or running job",
			description = "Every replica starts no further item of it within a second or two; the items in flight "
					+ "end. Pausing a paused job changes nothing. Needs BULK_CONFIRM on the job's pool.")
	@Audited(AuditAction.PAUSE_CONFIRMATION_JOB)
	@PostMapping(path = "/confirmation-jobs/{jobId}/pause", produces = MediaType.APPLICATION_JSON_VALUE)
	ConfirmationJob pauseConfirmationJob(@PathVariable UUID jobId, Caller caller, RequestOrigin origin) {
		return this.jobs.pause(caller, origin, jobId);
	}

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.FORBIDDEN, ProblemCode.CONFIRMATION_JOB_NOT_FOUND,
			ProblemCode.USER_POOL_NOT_MANAGED, ProblemCode.CONFIRMATION_JOB_STATE_CONFLICT,
			ProblemCode.AUDIT_UNAVAILABLE })
	@Operation(operationId = "resumeConfirmationJob", summary = "Resume a paused job",
			description = "Its lanes go on within a few seconds. Resuming a job that is not paused but unfinished "
					+ "changes nothing. Needs BULK_CONFIRM on the job's pool.")
	@Audited(AuditAction.RESUME_CONFIRMATION_JOB)
	@PostMapping(path = "/confirmation-jobs/{jobId}/resume", produces = MediaType.APPLICATION_JSON_VALUE)
	ConfirmationJob resumeConfirmationJob(@PathVariable UUID jobId, Caller caller, RequestOrigin origin) {
		return this.jobs.resume(caller, origin, jobId);
	}

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.FORBIDDEN, ProblemCode.CONFIRMATION_JOB_NOT_FOUND,
			ProblemCode.USER_POOL_NOT_MANAGED, ProblemCode.CONFIRMATION_JOB_STATE_CONFLICT,
			ProblemCode.AUDIT_UNAVAILABLE })
	@Operation(operationId = "cancelConfirmationJob", summary = "Cancel an unfinished job",
			description = "No further item is started; the items without an outcome stay so (counts.remaining). "
					+ "Cancelling a cancelled job changes nothing. Needs BULK_CONFIRM on the job's pool.")
	@Audited(AuditAction.CANCEL_CONFIRMATION_JOB)
	@PostMapping(path = "/confirmation-jobs/{jobId}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
	ConfirmationJob cancelConfirmationJob(@PathVariable UUID jobId, Caller caller, RequestOrigin origin) {
		return this.jobs.cancel(caller, origin, jobId);
	}

	private static ResponseEntity<ConfirmationJob> accepted(ConfirmationJob job) {
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(java.net.URI.create("/api/v1/confirmation-jobs/" + job.jobId()))
			.body(job);
	}

}
