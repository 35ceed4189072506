package com.acme.confirm.job;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * A confirmation job as callers see it.
 *
 * @param jobId the job
 * @param userPoolId the pool
 * @param state where it is
 * @param dryRun whether it only lists what would be confirmed
 * @param createdBy the subject of the caller who created it
 * @param createdAt when it was created
 * @param startedAt when its first item was started
 * @param finishedAt when it ended
 * @param counts its items by outcome
 * @param percentDone the share of its items that have an outcome, 0 to 100; absent until
 * a query's users have been listed
 * @param estimatedCompletionAt when it will be done at the jobs' share of the budget, if
 * it is running or queued
 * @param auditEventId the audit event that records its creation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConfirmationJob(@Schema(requiredMode = REQUIRED) UUID jobId, @Schema(requiredMode = REQUIRED) String userPoolId,
		@Schema(requiredMode = REQUIRED) JobState state, @Schema(requiredMode = REQUIRED) boolean dryRun,
		@Schema(requiredMode = REQUIRED) String createdBy, @Schema(requiredMode = REQUIRED) Instant createdAt,
		@Nullable Instant startedAt, @Nullable Instant finishedAt, @Schema(requiredMode = REQUIRED) Counts counts,
		@Nullable Double percentDone, @Nullable Instant estimatedCompletionAt,
		@Schema(requiredMode = REQUIRED) UUID auditEventId) {

	/**
	 * A job's items by outcome.
	 *
	 * @param total how many users it selected; {@code null} until a query's users have
	 * all been listed
	 * @param confirmed confirmed by the job
	 * @param alreadyConfirmed found CONFIRMED already
	 * @param wouldConfirm would be confirmed (dry run)
	 * @param failed ended with a problem
	 * @param remaining without an outcome yet; {@code null} while {@code total} is
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	@Schema(name = "ConfirmationJobCounts")
	record Counts(@Nullable Long total, @Schema(requiredMode = REQUIRED) long confirmed,
			@Schema(requiredMode = REQUIRED) long alreadyConfirmed, @Schema(requiredMode = REQUIRED) long wouldConfirm,
			@Schema(requiredMode = REQUIRED) long failed, @Nullable Long remaining) {
	}

}
