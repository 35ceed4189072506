package com.acme.confirm.userpool;

/**
 * What a role may do on one user pool.
 */
public enum Permission {

	/** Confirm a user without a code (adminConfirmSignUp, batch). */
	ADMIN_CONFIRM,

	/** Confirm a user with the code the user received (confirmSignUp). */
	CODE_CONFIRM,

	/** Read a user's confirmation status. */
	READ_USER,

	/** Use forceAliasCreation=true on confirmSignUp. */
	FORCE_ALIAS,

	/**
	 * Create, read, pause, resume and cancel confirmation jobs (each item is confirmed as
	 * adminConfirmSignUp would, without ADMIN_CONFIRM being needed as well).
	 */
	BULK_CONFIRM

}
