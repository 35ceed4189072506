package com.acme.confirm.logging;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * An exception chain with each link's class and stack trace and none of their messages. A
 * message of the AWS SDK's exceptions is Cognito's text, which can quote what the caller
 * sent: a {@code CognitoFailure} carries this copy as its cause, so that whoever logs it
 * (the circuit breaker at DEBUG, the problem advice) logs Cognito's error code and
 * request id, never its message. The suppressed exceptions (the SDK's earlier attempts)
 * are left out too.
 */
public final class WithoutMessages extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private WithoutMessages(Throwable original, @Nullable Throwable cause) {
		super(original.getClass().getName(), cause, false, true);
		setStackTrace(original.getStackTrace());
	}

	/**
	 * The chain of {@code throwable} with its messages left out, or {@code null}.
	 */
	public static @Nullable Throwable of(@Nullable Throwable throwable) {
		return of(throwable, 0);
	}

	private static @Nullable Throwable of(@Nullable Throwable throwable, int depth) {
		// a cyclic or absurdly deep chain is cut rather than followed
		if (throwable == null || depth > 16) {
			return null;
		}
		Throwable cause = (throwable.getCause() != throwable) ? throwable.getCause() : null;
		return new WithoutMessages(throwable, of(cause, depth + 1));
	}

}
