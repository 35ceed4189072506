package com.acme.confirm.audit;

/**
 * How an audited operation ended; {@link #PENDING} until it has.
 */
public enum AuditOutcome {

	PENDING, CONFIRMED, ALREADY_CONFIRMED, SUCCEEDED, DENIED, FAILED

}
