package com.acme.confirm.web;

import java.io.IOException;

/**
 * A request body went past its operation's limit ({@link BodyLimit}); nothing was read
 * past it. Thrown while the body is read, so that whatever reads it (the JSON binding)
 * fails with it as the cause.
 */
public class PayloadTooLargeException extends IOException {

	private static final long serialVersionUID = 1L;

	private final long limit;

	PayloadTooLargeException(long limit) {
		super("The request body is larger than " + limit + " bytes");
		this.limit = limit;
	}

	/** The limit, in bytes. */
	public long limit() {
		return this.limit;
	}

	/**
	 * Whether a failure was caused by a body past its limit.
	 * @param failure the failure
	 * @return whether it or one of its causes is a {@code PayloadTooLargeException}
	 */
	public static boolean causedIt(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException) {
				return true;
			}
			if (cause.getCause() == cause) {
				return false;
			}
		}
		return false;
	}

}
