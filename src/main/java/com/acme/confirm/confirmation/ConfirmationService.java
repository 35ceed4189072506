package com.acme.confirm.confirmation;

import java.util.EnumSet;
import java.util.Set;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.security.Authorization;
import com.acme.confirm.security.Caller;
import com.acme.confirm.userpool.AppClient;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.Permission;
import com.acme.confirm.userpool.UserPools;
import com.acme.confirm.web.RequestOrigin;

import org.springframework.stereotype.Service;

/**
 * Confirms sign-ups: records the attempt, decides whether the caller may, and leaves how
 * Cognito's answers decide the outcome to {@link ConfirmationDecisions}.
 */
@Service
class ConfirmationService {

	private final UserPools userPools;

	private final Authorization authorization;

	private final ConfirmationDecisions decisions;

	private final AuditedOperations audited;

	ConfirmationService(UserPools userPools, Authorization authorization, ConfirmationDecisions decisions,
			AuditedOperations audited) {
		this.userPools = userPools;
		this.authorization = authorization;
		this.decisions = decisions;
		this.audited = audited;
	}

	ConfirmationResult adminConfirmSignUp(Caller caller, RequestOrigin origin, String userPoolId,
			AdminConfirmSignUpRequest request) {
		AuditedOperations.AuditedResult<ConfirmationDecision> decision = this.audited
			.run(AuditAction.ADMIN_CONFIRM_SIGN_UP, caller, origin, userPoolId, request, () -> {
				ManagedUserPool pool = requireAdminConfirm(caller, userPoolId, request.statedReason() != null);
				return this.decisions.adminConfirm(pool, request);
			});
		return decision.result().toResult(userPoolId, request.username(), decision.auditEventId());
	}

	ConfirmationResult confirmSignUp(Caller caller, RequestOrigin origin, String userPoolId,
			ConfirmSignUpRequest request) {
		AuditedOperations.AuditedResult<ConfirmationDecision> decision = this.audited.run(AuditAction.CONFIRM_SIGN_UP,
				caller, origin, userPoolId, request, () -> {
					ManagedUserPool pool = this.userPools.require(userPoolId);
					Set<Permission> required = EnumSet.of(Permission.CODE_CONFIRM);
					if (request.aliasCreationForced()) {
						required.add(Permission.FORCE_ALIAS);
					}
					this.authorization.require(caller, pool, required);
					AppClient client = pool.appClient(request.clientId())
						.orElseThrow(() -> new ProblemException(ProblemCode.APP_CLIENT_NOT_MANAGED, "App client '"
								+ request.clientId() + "' is not configured for user pool '" + pool.alias() + "'."));
					return this.decisions.confirmWithCode(pool, client, request);
				});
		return decision.result().toResult(userPoolId, request.username(), decision.auditEventId());
	}

	/**
	 * What every confirmation without a code needs: a managed pool, ADMIN_CONFIRM on it,
	 * and a reason where the pool requires one.
	 * @throws ProblemException USER_POOL_NOT_MANAGED, FORBIDDEN or REASON_REQUIRED
	 */
	ManagedUserPool requireAdminConfirm(Caller caller, String userPoolId, boolean reasonStated) {
		ManagedUserPool pool = this.userPools.require(userPoolId);
		this.authorization.require(caller, pool, Set.of(Permission.ADMIN_CONFIRM));
		if (pool.requireReason() && !reasonStated) {
			throw new ProblemException(ProblemCode.REASON_REQUIRED,
					"User pool '" + pool.alias() + "' requires a reason for confirming without a code.");
		}
		return pool;
	}

}
