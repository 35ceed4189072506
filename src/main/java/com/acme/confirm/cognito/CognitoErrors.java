package com.acme.confirm.cognito;

import java.time.Duration;
import java.util.concurrent.CancellationException;

import com.acme.confirm.web.ProblemCode;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * Translates the SDK's exceptions into the API's problem codes.
 */
final class CognitoErrors {

	/** Cognito gives no hint; one second is its own throttling window. */
	static final Duration THROTTLED_RETRY_AFTER = Duration.ofSeconds(1);

	private CognitoErrors() {
	}

	/**
	 * Translates a failed call. A {@link CancellationException} is what the Apache 5
	 * client throws when the SDK's attempt timeout interrupts a wait for a pooled
	 * connection.
	 */
	static CognitoException translate(RuntimeException ex) {
		if (ex instanceof AwsServiceException service) {
			String errorCode = (service.awsErrorDetails() != null) ? service.awsErrorDetails().errorCode() : null;
			String requestId = service.requestId();
			CognitoException translated = new CognitoException(codeFor(errorCode, service.statusCode()),
					detailFor(errorCode, service.statusCode()), errorCode, requestId, ex);
			if (translated.code() == ProblemCode.THROTTLED) {
				translated.retryAfter(THROTTLED_RETRY_AFTER);
			}
			return translated;
		}
		if (ex instanceof ApiCallTimeoutException || ex instanceof ApiCallAttemptTimeoutException
				|| ex instanceof CancellationException) {
			return new CognitoException(ProblemCode.COGNITO_TIMEOUT,
					"Cognito did not answer within the call's time budget.", null, null, ex);
		}
		return new CognitoException(ProblemCode.COGNITO_UNAVAILABLE, "Cognito could not be reached.", null, null, ex);
	}

	static ProblemCode codeFor(@Nullable String errorCode, int status) {
		return switch (String.valueOf(errorCode)) {
			case "UserNotFoundException" -> ProblemCode.USER_NOT_FOUND;
			case "CodeMismatchException" -> ProblemCode.CODE_MISMATCH;
			case "ExpiredCodeException" -> ProblemCode.CODE_EXPIRED;
			case "TooManyFailedAttemptsException" -> ProblemCode.TOO_MANY_FAILED_ATTEMPTS;
			case "AliasExistsException" -> ProblemCode.ALIAS_EXISTS;
			case "TooManyRequestsException", "LimitExceededException", "ThrottlingException" -> ProblemCode.THROTTLED;
			case "UserLambdaValidationException", "UnexpectedLambdaException", "InvalidLambdaResponseException" ->
				ProblemCode.COGNITO_TRIGGER_FAILED;
			case "InternalErrorException" -> ProblemCode.COGNITO_UNAVAILABLE;
			default -> (status >= 500) ? ProblemCode.COGNITO_UNAVAILABLE : ProblemCode.COGNITO_REJECTED;
		};
	}

	private static String detailFor(@Nullable String errorCode, int status) {
		return switch (String.valueOf(errorCode)) {
			case "UserNotFoundException" -> "The user does not exist in this user pool.";
			case "CodeMismatchException" -> "The confirmation code is not the one Cognito sent to the user.";
			case "ExpiredCodeException" -> "The confirmation code has expired; the user needs a new one.";
			case "TooManyFailedAttemptsException" -> "Too many failed attempts for this user; try again later.";
			case "AliasExistsException" -> "Another user already holds this email address or phone number as an alias.";
			case "TooManyRequestsException", "LimitExceededException", "ThrottlingException" ->
				"Cognito is throttling requests; retry after the time given in Retry-After.";
			case "UserLambdaValidationException", "UnexpectedLambdaException", "InvalidLambdaResponseException" ->
				"A Lambda trigger of the user pool failed.";
			case "NotAuthorizedException" -> "Cognito refused the request as not authorized.";
			case "ForbiddenException" -> "Cognito's web application firewall refused the request.";
			case "ResourceNotFoundException" -> "Cognito does not know the configured user pool or app client.";
			case "InvalidParameterException" -> "Cognito rejected a parameter of the request.";
			default -> (status >= 500) ? "Cognito failed to process the request." : "Cognito rejected the request.";
		};
	}

}
