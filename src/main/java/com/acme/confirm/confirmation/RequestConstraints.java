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

	/** No whitespace and no control character (NUL included). */
	public static final String CONFIRMATION_CODE = "^[^\\u0000-\\u0020\\u007F-\\u009F]+$";

	/**
	 * Free text: no control character (NUL, line breaks, C1), which PostgreSQL refuses
	 * (NUL) or which would forge lines of a log.
	 */
	public static final String TEXT = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";

	/**
	 * A clientMetadata key: text without a control character, quote or backslash, so that
	 * every key of a request fits its audit event's list (50 keys of 128 characters and
	 * their JSON quotes take at most 6,551 of its 8,000).
	 */
	public static final String CLIENT_METADATA_KEY = "^[^\\u0000-\\u001F\\u007F-\\u009F\"\\\\]+$";

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
