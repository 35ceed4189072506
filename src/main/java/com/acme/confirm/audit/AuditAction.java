package com.acme.confirm.audit;

/**
 * The operation an audit event records.
 */
public enum AuditAction {

	ADMIN_CONFIRM_SIGN_UP, CONFIRM_SIGN_UP, GET_USER_STATUS, CREATE_CONFIRMATION_JOB, PAUSE_CONFIRMATION_JOB,
	RESUME_CONFIRMATION_JOB, CANCEL_CONFIRMATION_JOB

}
