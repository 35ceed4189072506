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
 * @param username the user's canonical username; {@code null} when the user was not read
 * (a code confirmed at the first try)
 * @param sub the user's sub; {@code null} when not read
 */
record ConfirmationDecision(ConfirmationOutcome outcome, @Nullable String previousStatus,
		@Nullable Boolean emailVerified, String userStatus, boolean emailVerifiedSet, @Nullable String cognitoRequestId,
		@Nullable String username, @Nullable String sub) implements AuditedOperations.OperationOutcome {

	@Override
	public AuditCompletion auditCompletion() {
		AuditOutcome audited = switch (this.outcome) {
			case CONFIRMED -> AuditOutcome.CONFIRMED;
			case ALREADY_CONFIRMED -> AuditOutcome.ALREADY_CONFIRMED;
		};
		AuditCompletion completion = new AuditCompletion(audited, null, this.cognitoRequestId, this.userStatus,
				this.emailVerifiedSet);
		return (this.username != null) ? completion.identified(this.username, this.sub) : completion;
	}

	/**
	 * The result, for the identifier as the caller gave it; the canonical username is
	 * that identifier when the user was not read.
	 */
	ConfirmationResult toResult(String userPoolId, String identifier, UUID auditEventId) {
		return new ConfirmationResult(userPoolId, (this.username != null) ? this.username : identifier, this.sub,
				identifier, this.outcome, this.previousStatus, this.emailVerified, auditEventId);
	}

}
