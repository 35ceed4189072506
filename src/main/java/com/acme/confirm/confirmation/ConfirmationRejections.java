package com.acme.confirm.confirmation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditEvent;
import com.acme.confirm.security.CurrentCaller;
import com.acme.confirm.web.RejectedRequest;
import com.acme.confirm.web.RejectedRequestAuditor;

import org.springframework.stereotype.Component;

/**
 * Audits confirmations that an authenticated caller sent but Spring rejected as invalid
 * before {@link ConfirmationService} saw them, with whatever of the target could be read.
 */
@Component
class ConfirmationRejections implements RejectedRequestAuditor {

	private static final Map<String, AuditAction> ACTIONS = Map.of("adminConfirmSignUp",
			AuditAction.ADMIN_CONFIRM_SIGN_UP, "batchAdminConfirmSignUp", AuditAction.ADMIN_CONFIRM_SIGN_UP,
			"confirmSignUp", AuditAction.CONFIRM_SIGN_UP, "getUserStatus", AuditAction.GET_USER_STATUS);

	private final CurrentCaller currentCaller;

	private final AuditTrail auditTrail;

	ConfirmationRejections(CurrentCaller currentCaller, AuditTrail auditTrail) {
		this.currentCaller = currentCaller;
		this.auditTrail = auditTrail;
	}

	@Override
	public Optional<UUID> audit(RejectedRequest request) {
		AuditAction action = ACTIONS.get(request.handler().getMethod().getName());
		if (!ConfirmationController.class.equals(request.handler().getBeanType()) || action == null) {
			return Optional.empty();
		}
		String userPoolId = request.pathVariables().getOrDefault("userPoolId", "");
		Object body = request.body();
		return this.currentCaller.get().flatMap((caller) -> {
			if (body instanceof AdminConfirmSignUpRequest admin) {
				return this.auditTrail.rejected(action, caller, request.origin(),
						new AuditEvent.Target(userPoolId, admin.username(), null), admin.reason(),
						ClientMetadata.keys(admin.metadata()), request.code());
			}
			if (body instanceof BatchAdminConfirmSignUpRequest batch) {
				return this.auditTrail.rejected(action, caller, request.origin(),
						new AuditEvent.Target(userPoolId, null, null), batch.reason(),
						ClientMetadata.keys(batch.metadata()), request.code());
			}
			if (body instanceof ConfirmSignUpRequest confirm) {
				return this.auditTrail.rejected(action, caller, request.origin(),
						new AuditEvent.Target(userPoolId, confirm.username(), confirm.clientId()), null,
						ClientMetadata.keys(confirm.metadata()), request.code());
			}
			return this.auditTrail.rejected(action, caller, request.origin(),
					new AuditEvent.Target(userPoolId, null, null), null, List.of(), request.code());
		});
	}

}
