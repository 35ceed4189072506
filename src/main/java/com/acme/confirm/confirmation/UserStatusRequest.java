package com.acme.confirm.confirmation;

import com.acme.confirm.audit.AuditedRequest;

/**
 * A read of one user's status.
 *
 * @param username the user, as the caller gave it
 */
record UserStatusRequest(String username) implements AuditedRequest {

	@Override
	public String auditedUsername() {
		return this.username;
	}

}
