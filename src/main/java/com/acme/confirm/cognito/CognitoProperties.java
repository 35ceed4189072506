package com.acme.confirm.cognito;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the service calls Amazon Cognito.
 *
 * @param endpoint endpoint override (an emulator, a VPC endpoint); unset uses AWS's own
 * regional endpoint
 * @param apiCallTimeout total time budget of one Cognito call, retries included: two full
 * attempts and the backoff between them
 * @param apiCallAttemptTimeout time budget of a single attempt of a call: longer than a
 * PostConfirmation trigger may take (Cognito waits up to 5 s for it), so that a pool with
 * a normal trigger does not time out
 * @param connectTimeout time to establish a connection to Cognito
 * @param maxAttempts attempts per call, the first included, under the SDK's standard
 * retry strategy
 * @param maxConnections connections kept to Cognito, shared by all regions
 * @param maxRequestsPerSecond the service's share of the account's Cognito request rate
 * for AdminConfirmSignUp and ConfirmSignUp (a category Cognito shares with SignUp and
 * AdminCreateUser), per region
 * @param maxBudgetWait how long an attempt may wait for the budget before the call is
 * answered 429 THROTTLED; shorter than the attempt timeout
 * @param budgetRedisUrl Redis holding the budget shared by all replicas
 * ({@code redis://host:6379}, {@code rediss://} for TLS); unset keeps the budget in each
 * replica's memory
 * @param budgetRedisPassword password (or AUTH token) of that Redis
 */
@Validated
@ConfigurationProperties("confirm.cognito")
record CognitoProperties(@Nullable URI endpoint, @DefaultValue("16s") Duration apiCallTimeout,
		@DefaultValue("7s") Duration apiCallAttemptTimeout, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("3") @Min(1) @Max(10) int maxAttempts, @DefaultValue("50") @Min(1) int maxConnections,
		@DefaultValue("10") @DecimalMin("0.1") double maxRequestsPerSecond, @DefaultValue("1s") Duration maxBudgetWait,
		@Nullable URI budgetRedisUrl, @Nullable String budgetRedisPassword) {

	@Override
	public String toString() {
		return "CognitoProperties[endpoint=" + this.endpoint + ", maxRequestsPerSecond=" + this.maxRequestsPerSecond
				+ ", budgetRedisUrl=" + this.budgetRedisUrl + "]";
	}

	CognitoProperties {
		if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
			throw new IllegalArgumentException("confirm.cognito.api-call-attempt-timeout (" + apiCallAttemptTimeout
					+ ") must not exceed confirm.cognito.api-call-timeout (" + apiCallTimeout + ")");
		}
		if (maxBudgetWait.compareTo(apiCallAttemptTimeout) >= 0) {
			// The wait happens within an attempt, whose timeout would cut it short.
			throw new IllegalArgumentException("confirm.cognito.max-budget-wait (" + maxBudgetWait
					+ ") must be shorter than confirm.cognito.api-call-attempt-timeout (" + apiCallAttemptTimeout
					+ ")");
		}
	}

}
