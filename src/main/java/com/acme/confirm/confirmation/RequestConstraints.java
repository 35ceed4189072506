package com.acme.confirm.confirmation;

/**
 * Cognito's own constraints on request fields, checked before Cognito is called.
 */
public final class RequestConstraints {

	/*
	 * Patterns are anchored: Bean Validation matches the whole value anyway, but the
	 * OpenAPI document publishes them as JSON Schema patterns, which match anywhere in
	 * the value unless anchored.
	 */

	/** Cognito's username pattern; the username may also be an alias or the sub. */
	public static final String USERNAME = "^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$";

	public static final int USERNAME_MAX = 128;

	public static final String CLIENT_ID = "^[\\w+]+$";

	public static final int CLIENT_ID_MAX = 128;

	public static final String CONFIRMATION_CODE = "^\\S+$";

	public static final int CONFIRMATION_CODE_MAX = 2048;

	public static final int USER_POOL_ID_MAX = 55;

	public static final int CLIENT_METADATA_ENTRIES_MAX = 50;

	public static final int CLIENT_METADATA_KEY_MAX = 128;

	public static final int CLIENT_METADATA_VALUE_MAX = 256;

	public static final int REASON_MAX = 500;

	public static final int BATCH_MAX = 100;

	private RequestConstraints() {
	}

}
