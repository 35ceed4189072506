package com.acme.confirm.cognito;

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class CognitoFailureTests {

	static Stream<Arguments> failures() {
		return Stream.of(Arguments.of(CognitoFailure.Kind.TIMEOUT, null, 1, true),
				Arguments.of(CognitoFailure.Kind.UNAVAILABLE, "InternalErrorException", 3, true),
				Arguments.of(CognitoFailure.Kind.TRIGGER_FAILED, "UnexpectedLambdaException", 1, true),
				Arguments.of(CognitoFailure.Kind.REJECTED, CognitoFailure.NOT_AUTHORIZED, 2, true),
				Arguments.of(CognitoFailure.Kind.CODE_EXPIRED, CognitoFailure.EXPIRED_CODE, 3, true),
				// the first attempt's refusal is Cognito's answer to this request
				Arguments.of(CognitoFailure.Kind.REJECTED, CognitoFailure.NOT_AUTHORIZED, 1, false),
				Arguments.of(CognitoFailure.Kind.CODE_EXPIRED, CognitoFailure.EXPIRED_CODE, 1, false),
				Arguments.of(CognitoFailure.Kind.REJECTED, "ForbiddenException", 2, false),
				Arguments.of(CognitoFailure.Kind.CODE_MISMATCH, "CodeMismatchException", 2, false),
				Arguments.of(CognitoFailure.Kind.THROTTLED, "TooManyRequestsException", 3, false),
				// a retry found no room in the budget after an attempt whose answer was
				// lost
				Arguments.of(CognitoFailure.Kind.BUDGET_EXHAUSTED, null, 1, true),
				// nothing was sent
				Arguments.of(CognitoFailure.Kind.BUDGET_EXHAUSTED, null, 0, false),
				Arguments.of(CognitoFailure.Kind.CIRCUIT_OPEN, null, 0, false),
				Arguments.of(CognitoFailure.Kind.UNAVAILABLE, null, 0, false));
	}

	@ParameterizedTest
	@MethodSource("failures")
	void mayHaveBeenAppliedOnlyWhenAnAnswerWasLostOrARetryWasRefused(CognitoFailure.Kind kind,
			@Nullable String cognitoError, int attempts, boolean mayHaveBeenApplied) {
		CognitoFailure failure = new CognitoFailure(kind, "detail", cognitoError, null, null, attempts, null);

		assertThat(failure.mayHaveBeenApplied()).isEqualTo(mayHaveBeenApplied);
	}

}
