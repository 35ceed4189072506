package com.acme.confirm.job;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ProblemDetail;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * One user of a confirmation job: an outcome, a problem, or neither while it waits.
 *
 * @param username the username
 * @param outcome CONFIRMED, ALREADY_CONFIRMED or WOULD_CONFIRM
 * @param problem why it failed, as adminConfirmSignUp would have answered
 * @param auditEventId the audit event that records it (none for a dry run)
 * @param completedAt when it got its outcome
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConfirmationJobItem(@Schema(requiredMode = REQUIRED) String username, @Schema(allowableValues = {
		"CONFIRMED", "ALREADY_CONFIRMED", "WOULD_CONFIRM" }) @Nullable String outcome,
		@Schema(ref = "#/components/schemas/Problem") @Nullable ProblemDetail problem, @Nullable UUID auditEventId,
		@Nullable Instant completedAt){
}
