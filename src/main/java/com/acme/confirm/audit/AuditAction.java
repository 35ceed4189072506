package com.acme.confirm.audit;

/**
 * The operation an audit event records.
 */
public enum AuditAction {

	ADMIN_CONFIRM_SIGN_UP, CONFIRM_SIGN_UP, GET_USER_STATUS

}
