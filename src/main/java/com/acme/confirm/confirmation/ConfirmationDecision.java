package com.acme.confirm.confirmation;

import java.util.UUID;

import com.acme.confirm.audit.AuditCompletion;
import com.acme.confirm.audit.AuditOutcome;
import org.jspecify.annotations.Nullable;

/**
 * What a confirmation decided, before it is given its audit event id.
 *
 * @param outcome CONFIRMED or ALREADY_CONFIRMED
 * @param previousStatus the user's status before
 * @param emailVerified whether email_verified is true now; {@code null} when not read
 * @param userStatus the user's status now
 * @param emailVerifiedSet whether this confirmation set email_verified=true
 * @param cognitoRequestId Cognito's request id of the deciding call
 */
record ConfirmationDecision(ConfirmationOutcome outcome, @Nullable String previousStatus,
		@Nullable Boolean emailVerified, String userStatus, boolean emailVerifiedSet,
		@Nullable String cognitoRequestId) implements AuditedOperations.OperationOutcome {

	@Override
	public AuditCompletion auditCompletion() {
		AuditOutcome audited = switch (this.outcome) {
			case CONFIRMED -> AuditOutcome.CONFIRMED;
			case ALREADY_CONFIRMED -> AuditOutcome.ALREADY_CONFIRMED;
		};
		return new AuditCompletion(audited, null, this.cognitoRequestId, this.userStatus, this.emailVerifiedSet);
	}

	ConfirmationResult toResult(String userPoolId, String username, UUID auditEventId) {
		return new ConfirmationResult(userPoolId, username, this.outcome, this.previousStatus, this.emailVerified,
				auditEventId);
	}

}
