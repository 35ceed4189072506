package com.acme.confirm.job;

import java.util.Map;
import java.util.Optional;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.security.Caller;
import com.acme.confirm.security.CurrentCaller;
import com.acme.confirm.userpool.UserPools;
import com.acme.confirm.web.RequestOrigin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses a caller without BULK_CONFIRM on a managed pool before a job's body is read: a
 * JSON job may be 2 MB, and a caller who may not create one must not have the service
 * bind it (a few hundred at once would fill the heap). The refusal is audited as the
 * creation it was, with what the request named (the pool, the caller); the body's fields
 * are not known. A pool that is not managed, or a malformed one, is left to the
 * operation, which answers for it as before.
 */
@Component
class JobCreationGate implements HandlerInterceptor {

	/** The path the gate guards. */
	static final String PATH = "/api/v1/user-pools/*/confirmation-jobs";

	private final CurrentCaller currentCaller;

	private final UserPools userPools;

	private final JobAccess access;

	JobCreationGate(CurrentCaller currentCaller, UserPools userPools, JobAccess access) {
		this.currentCaller = currentCaller;
		this.userPools = userPools;
		this.access = access;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!"POST".equals(request.getMethod())) {
			return true;
		}
		Optional<Caller> caller = this.currentCaller.get();
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		Object userPoolId = (variables instanceof Map<?, ?> map) ? map.get("userPoolId") : null;
		if (caller.isEmpty() || !(userPoolId instanceof String poolId) || this.userPools.find(poolId).isEmpty()) {
			return true;
		}
		try {
			this.access.requirePool(caller.get(), poolId);
		}
		catch (ProblemException ex) {
			throw this.access.audited(ex, AuditAction.CREATE_CONFIRMATION_JOB, caller.get(), RequestOrigin.of(request),
					poolId, CreateConfirmationJobRequest.UNREAD);
		}
		return true;
	}

}
