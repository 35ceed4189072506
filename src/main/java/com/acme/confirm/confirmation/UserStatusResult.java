package com.acme.confirm.confirmation;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * A user's confirmation status.
 *
 * @param userPoolId the pool
 * @param username the user's canonical username
 * @param sub the user's sub
 * @param identifier the username, alias or sub as the caller gave it
 * @param userStatus Cognito's status (UNCONFIRMED, CONFIRMED, FORCE_CHANGE_PASSWORD, ...)
 * @param enabled whether the user is enabled
 * @param emailVerified whether email_verified is true
 * @param confirmable whether adminConfirmSignUp would confirm the user now
 * @param auditEventId the audit event of this read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UserStatusResult(@Schema(requiredMode = REQUIRED) String userPoolId,
		@Schema(requiredMode = REQUIRED) String username, @Nullable String sub,
		@Schema(requiredMode = REQUIRED) String identifier, @Schema(requiredMode = REQUIRED) String userStatus,
		@Schema(requiredMode = REQUIRED) boolean enabled, @Schema(requiredMode = REQUIRED) boolean emailVerified,
		@Schema(requiredMode = REQUIRED) boolean confirmable, @Schema(requiredMode = REQUIRED) UUID auditEventId) {
}
