package com.acme.confirm.confirmation;

/**
 * How a successful confirmation ended.
 */
enum ConfirmationOutcome {

	/** The user was UNCONFIRMED and is now CONFIRMED. */
	CONFIRMED,

	/**
	 * The user was CONFIRMED already; nothing was changed but, if asked, email_verified.
	 */
	ALREADY_CONFIRMED

}
