package com.acme.confirm.cognito;

import java.util.function.Predicate;

import com.acme.confirm.web.ProblemCode;

/**
 * What the circuit breaker counts as Cognito failing: no answer in time or a 5xx. A
 * rejection of the request (a wrong code, a missing user, throttling) is Cognito working.
 * Named in
 * {@code resilience4j.circuitbreaker.instances.cognito.record-failure-predicate}.
 */
public final class CognitoOutage implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		return failure instanceof CognitoException cognito
				&& (cognito.code() == ProblemCode.COGNITO_UNAVAILABLE || cognito.code() == ProblemCode.COGNITO_TIMEOUT);
	}

}
