package com.acme.confirm.confirmation;

import java.util.Set;

import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.security.Authorization;
import com.acme.confirm.security.Caller;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.Permission;
import com.acme.confirm.userpool.UserPools;

import org.springframework.stereotype.Component;

/**
 * What every operation on a pool checks first, in this order: the pool is managed here
 * (404), the caller holds the permissions on it (403), and for a confirmation without a
 * code, a reason is stated where the pool requires one (400).
 */
@Component
class PoolAccess {

	private final UserPools userPools;

	private final Authorization authorization;

	PoolAccess(UserPools userPools, Authorization authorization) {
		this.userPools = userPools;
		this.authorization = authorization;
	}

	/**
	 * @throws ProblemException USER_POOL_NOT_MANAGED or FORBIDDEN
	 */
	ManagedUserPool require(Caller caller, String userPoolId, Set<Permission> permissions) {
		ManagedUserPool pool = this.userPools.require(userPoolId);
		this.authorization.require(caller, pool, permissions);
		return pool;
	}

	/**
	 * @throws ProblemException USER_POOL_NOT_MANAGED, FORBIDDEN or REASON_REQUIRED
	 */
	ManagedUserPool requireAdminConfirm(Caller caller, String userPoolId, ReasonStating request) {
		ManagedUserPool pool = require(caller, userPoolId, Set.of(Permission.ADMIN_CONFIRM));
		if (pool.requireReason() && request.statedReason() == null) {
			throw new ProblemException(ProblemCode.REASON_REQUIRED,
					"User pool '" + pool.alias() + "' requires a reason for confirming without a code.");
		}
		return pool;
	}

}
