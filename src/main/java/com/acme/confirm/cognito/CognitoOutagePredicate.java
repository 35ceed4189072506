package com.acme.confirm.cognito;

import java.util.function.Predicate;

/**
 * What the circuit breaker counts as Cognito failing: no answer in time or a 5xx. A
 * rejection of the request (a wrong code, a missing user, throttling) is Cognito working.
 * Named in {@code resilience4j.circuitbreaker.configs.cognito.record-failure-predicate}.
 */
public final class CognitoOutagePredicate implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		return failure instanceof CognitoFailure cognito && cognito.isOutage();
	}

}
