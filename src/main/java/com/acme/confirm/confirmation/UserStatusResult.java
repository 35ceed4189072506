package com.acme.confirm.confirmation;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user's confirmation status.
 *
 * @param userPoolId the pool
 * @param username the username as the caller gave it
 * @param userStatus Cognito's status (UNCONFIRMED, CONFIRMED, FORCE_CHANGE_PASSWORD, ...)
 * @param enabled whether the user is enabled
 * @param emailVerified whether email_verified is true
 * @param confirmable whether adminConfirmSignUp would confirm the user now
 * @param auditEventId the audit event of this read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UserStatusResult(String userPoolId, String username, String userStatus, boolean enabled, boolean emailVerified,
		boolean confirmable, UUID auditEventId) {
}
