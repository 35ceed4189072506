package com.acme.confirm.confirmation;

import java.util.EnumSet;
import java.util.Set;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditCompletion;
import com.acme.confirm.audit.AuditOutcome;
import com.acme.confirm.cognito.CognitoUser;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.security.Caller;
import com.acme.confirm.userpool.AppClient;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.Permission;
import com.acme.confirm.web.RequestOrigin;

import org.springframework.stereotype.Service;

/**
 * The operations on one user: confirm without a code, confirm with a code, read the
 * status. Each records its attempt, decides whether the caller may, and leaves how
 * Cognito's answers decide a confirmation to {@link ConfirmationDecisions}.
 */
@Service
class ConfirmationService {

	private final PoolAccess access;

	private final ConfirmationDecisions decisions;

	private final AuditedOperations audited;

	private final UserResolution users;

	ConfirmationService(PoolAccess access, ConfirmationDecisions decisions, AuditedOperations audited,
			UserResolution users) {
		this.access = access;
		this.decisions = decisions;
		this.audited = audited;
		this.users = users;
	}

	ConfirmationResult adminConfirmSignUp(Caller caller, RequestOrigin origin, String userPoolId,
			AdminConfirmSignUpRequest request) {
		AuditedOperations.AuditedResult<ConfirmationDecision> decision = this.audited
			.run(AuditAction.ADMIN_CONFIRM_SIGN_UP, caller, origin, userPoolId, request, () -> this.decisions
				.adminConfirm(this.access.requireAdminConfirm(caller, userPoolId, request), request));
		return decision.result().toResult(userPoolId, request.username(), decision.auditEventId());
	}

	ConfirmationResult confirmSignUp(Caller caller, RequestOrigin origin, String userPoolId,
			ConfirmSignUpRequest request) {
		AuditedOperations.AuditedResult<ConfirmationDecision> decision = this.audited.run(AuditAction.CONFIRM_SIGN_UP,
				caller, origin, userPoolId, request, () -> {
					Set<Permission> required = EnumSet.of(Permission.CODE_CONFIRM);
					if (request.aliasCreationForced()) {
						required.add(Permission.FORCE_ALIAS);
					}
					ManagedUserPool pool = this.access.require(caller, userPoolId, required);
					AppClient client = pool.appClient(request.clientId())
						.orElseThrow(() -> new ProblemException(ProblemCode.APP_CLIENT_NOT_MANAGED, "App client '"
								+ request.clientId() + "' is not configured for user pool '" + pool.alias() + "'."));
					return this.decisions.confirmWithCode(pool, client, request);
				});
		return decision.result().toResult(userPoolId, request.username(), decision.auditEventId());
	}

	UserStatusResult getUserStatus(Caller caller, RequestOrigin origin, String userPoolId, String username) {
		AuditedOperations.AuditedResult<StatusRead> read = this.audited.run(AuditAction.GET_USER_STATUS, caller, origin,
				userPoolId, new UserStatusRequest(username), () -> {
					ManagedUserPool pool = this.access.require(caller, userPoolId, Set.of(Permission.READ_USER));
					return new StatusRead(this.users.resolve(pool, username));
				});
		CognitoUser user = read.result().user();
		return new UserStatusResult(userPoolId, user.username(), user.sub(), username, user.status(), user.enabled(),
				user.emailVerified(), user.isConfirmable(), read.auditEventId());
	}

	/**
	 * A status read, as its audit event records it.
	 */
	private record StatusRead(CognitoUser user) implements AuditedOperations.OperationOutcome {

		@Override
		public AuditCompletion auditCompletion() {
			return new AuditCompletion(AuditOutcome.SUCCEEDED, null, this.user.requestId(), this.user.status(), false)
				.identified(this.user.username(), this.user.sub());
		}

	}

}
