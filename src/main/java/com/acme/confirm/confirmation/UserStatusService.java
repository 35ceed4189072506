package com.acme.confirm.confirmation;

import java.util.Set;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditOutcome;
import com.acme.confirm.cognito.CognitoOperations;
import com.acme.confirm.cognito.CognitoUser;
import com.acme.confirm.security.Authorization;
import com.acme.confirm.security.Caller;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.Permission;
import com.acme.confirm.userpool.UserPools;
import com.acme.confirm.web.RequestOrigin;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Reads a user's confirmation status, audited like every other operation.
 */
@Service
class UserStatusService {

	private final UserPools userPools;

	private final Authorization authorization;

	private final CognitoOperations cognito;

	private final AuditedOperations audited;

	UserStatusService(UserPools userPools, Authorization authorization, CognitoOperations cognito,
			AuditedOperations audited) {
		this.userPools = userPools;
		this.authorization = authorization;
		this.cognito = cognito;
		this.audited = audited;
	}

	UserStatusResult getUserStatus(Caller caller, RequestOrigin origin, String userPoolId, String username) {
		AuditedOperations.AuditedResult<StatusRead> read = this.audited.run(AuditAction.GET_USER_STATUS, caller, origin,
				userPoolId, new UserStatusRequest(username), () -> {
					ManagedUserPool pool = this.userPools.require(userPoolId);
					this.authorization.require(caller, pool, Set.of(Permission.READ_USER));
					return new StatusRead(this.cognito.getUser(pool, username));
				});
		CognitoUser user = read.result().user();
		return new UserStatusResult(userPoolId, username, user.status(), user.enabled(), user.emailVerified(),
				user.isConfirmable(), read.auditEventId());
	}

	/**
	 * A status read, as its audit event records it.
	 */
	private record StatusRead(CognitoUser user) implements AuditedOperations.OperationOutcome {

		@Override
		public AuditOutcome auditOutcome() {
			return AuditOutcome.SUCCEEDED;
		}

		@Override
		public @Nullable String cognitoRequestId() {
			return this.user.requestId();
		}

	}

}
