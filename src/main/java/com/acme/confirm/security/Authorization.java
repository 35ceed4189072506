package com.acme.confirm.security;

import java.util.Set;

import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.Permission;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;

import org.springframework.stereotype.Component;

/**
 * The authorization decisions of the service: deny unless one of the caller's roles is
 * granted every permission the operation needs on that pool, or, for the audit trail, is
 * one of the audit reader roles.
 */
@Component
public class Authorization {

	private final Set<String> auditReaderRoles;

	Authorization(SecurityProperties properties) {
		this.auditReaderRoles = Set.copyOf(properties.auditReaderRoles());
	}

	/**
	 * Whether the caller holds all the given permissions on the pool.
	 */
	public boolean permits(Caller caller, ManagedUserPool pool, Set<Permission> required) {
		return !required.isEmpty() && pool.permissionsOf(caller.roles()).containsAll(required);
	}

	/**
	 * Whether the caller may read the audit trail (AUDIT_READ).
	 */
	public boolean mayReadAudit(Caller caller) {
		return caller.roles().stream().anyMatch(this.auditReaderRoles::contains);
	}

	/**
	 * @throws ProblemException FORBIDDEN unless the caller may read the audit trail
	 */
	public void requireAuditReader(Caller caller) {
		if (!mayReadAudit(caller)) {
			throw new ProblemException(ProblemCode.FORBIDDEN, "The caller's roles do not grant AUDIT_READ.");
		}
	}

	/**
	 * @throws ProblemException FORBIDDEN unless the caller holds all the permissions
	 */
	public void require(Caller caller, ManagedUserPool pool, Set<Permission> required) {
		if (!permits(caller, pool, required)) {
			throw new ProblemException(ProblemCode.FORBIDDEN,
					"The caller's roles do not grant " + required + " on user pool '" + pool.alias() + "'.");
		}
	}

}
