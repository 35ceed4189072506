package com.acme.confirm.cognito;

import java.io.Serial;

import com.acme.confirm.web.ProblemCode;
import com.acme.confirm.web.ProblemException;
import org.jspecify.annotations.Nullable;

/**
 * A failed Cognito call, already translated into the API's problem code. Cognito's error
 * code goes to the caller ({@code cognitoError}); its message never does.
 */
public class CognitoException extends ProblemException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final @Nullable String cognitoError;

	private final @Nullable String requestId;

	CognitoException(ProblemCode code, String detail, @Nullable String cognitoError, @Nullable String requestId,
			@Nullable Throwable cause) {
		super(code, detail, cause);
		this.cognitoError = cognitoError;
		this.requestId = requestId;
		if (cognitoError != null) {
			with("cognitoError", cognitoError);
		}
	}

	/**
	 * Cognito's error code, such as {@code CodeMismatchException}; {@code null} when no
	 * answer came (timeouts, connection failures).
	 */
	public @Nullable String cognitoError() {
		return this.cognitoError;
	}

	/**
	 * Cognito's request id of the failed call, for support cases with AWS.
	 */
	public @Nullable String requestId() {
		return this.requestId;
	}

	public boolean is(String errorCode) {
		return errorCode.equals(this.cognitoError);
	}

}
