package com.acme.confirm.cognito;

import java.time.Duration;
import java.util.concurrent.CancellationException;

import com.acme.confirm.logging.WithoutMessages;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Translates the SDK's exceptions into {@link CognitoFailure}s.
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
	static CognitoFailure translate(RuntimeException ex) {
		int attempts = attempts(ex);
		// Cognito's message can quote what the caller sent: it travels no further.
		Throwable cause = WithoutMessages.of(ex);
		if (ex instanceof AwsServiceException service) {
			String errorCode = (service.awsErrorDetails() != null) ? service.awsErrorDetails().errorCode() : null;
			CognitoFailure.Kind kind = kindOf(errorCode, service.statusCode());
			return new CognitoFailure(kind, detailFor(errorCode, service.statusCode()), errorCode, service.requestId(),
					(kind == CognitoFailure.Kind.THROTTLED) ? THROTTLED_RETRY_AFTER : null, attempts, cause);
		}
		if (ex instanceof ApiCallTimeoutException || ex instanceof ApiCallAttemptTimeoutException
				|| ex instanceof CancellationException) {
			return new CognitoFailure(CognitoFailure.Kind.TIMEOUT,
					"Cognito did not answer within the call's time budget.", null, null, null, attempts, cause);
		}
		return new CognitoFailure(CognitoFailure.Kind.UNAVAILABLE, "Cognito could not be reached.", null, null, null,
				attempts, cause);
	}

	/**
	 * The attempts the SDK sent. A {@link CancellationException} interrupted the wait for
	 * a pooled connection: nothing was sent by that attempt, but earlier ones may have
	 * been, so at least one is assumed, as for any failure whose count the SDK did not
	 * record.
	 */
	private static int attempts(RuntimeException ex) {
		if (ex instanceof SdkException sdk && sdk.numAttempts() != null) {
			return sdk.numAttempts();
		}
		return 1;
	}

	static CognitoFailure.Kind kindOf(@Nullable String errorCode, int status) {
		return switch (String.valueOf(errorCode)) {
			case "UserNotFoundException" -> CognitoFailure.Kind.USER_NOT_FOUND;
			case "CodeMismatchException" -> CognitoFailure.Kind.CODE_MISMATCH;
			case "ExpiredCodeException" -> CognitoFailure.Kind.CODE_EXPIRED;
			case "TooManyFailedAttemptsException" -> CognitoFailure.Kind.TOO_MANY_FAILED_ATTEMPTS;
			case "AliasExistsException" -> CognitoFailure.Kind.ALIAS_EXISTS;
			case "TooManyRequestsException", "LimitExceededException", "ThrottlingException" ->
				CognitoFailure.Kind.THROTTLED;
			case "UserLambdaValidationException", "UnexpectedLambdaException", "InvalidLambdaResponseException" ->
				CognitoFailure.Kind.TRIGGER_FAILED;
			case "InternalErrorException" -> CognitoFailure.Kind.UNAVAILABLE;
			default -> (status >= 500) ? CognitoFailure.Kind.UNAVAILABLE : CognitoFailure.Kind.REJECTED;
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
