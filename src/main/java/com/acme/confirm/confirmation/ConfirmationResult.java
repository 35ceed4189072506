package com.acme.confirm.confirmation;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The result of a confirmation.
 *
 * @param userPoolId the pool
 * @param username the user's canonical username (Cognito's own, which for a pool with
 * email as username is a UUID)
 * @param sub the user's sub, where the service read it
 * @param identifier the username, alias or sub as the caller gave it
 * @param outcome CONFIRMED or ALREADY_CONFIRMED
 * @param previousStatus the user's status before the call
 * @param emailVerified whether email_verified is true now; absent when the service did
 * not read it
 * @param auditEventId the audit event that records this confirmation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConfirmationResult(@Schema(requiredMode = REQUIRED) String userPoolId,
		@Schema(requiredMode = REQUIRED) String username, @Nullable String sub,
		@Schema(requiredMode = REQUIRED) String identifier,
		@Schema(requiredMode = REQUIRED) ConfirmationOutcome outcome, @Nullable String previousStatus,
		@Nullable Boolean emailVerified, @Schema(requiredMode = REQUIRED) UUID auditEventId) {
}
