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
 * @param maxRequestsPerSecond the service's share, per region, of Cognito's UserCreation
 * quota (AdminConfirmSignUp, ConfirmSignUp; 50/s by default, shared with the company's
 * SignUp and AdminCreateUser): a fifth of it, leaving the rest to the production apps
 * @param userReadRequestsPerSecond the service's share, per region, of the UserRead quota
 * (AdminGetUser; 120/s by default, shared with the apps' own reads): a fifth of it, over
 * twice the confirm rate since each confirmation reads the user once and sometimes twice
 * @param userUpdateRequestsPerSecond the service's share, per region, of the UserUpdate
 * quota (AdminUpdateUserAttributes for markEmailVerified; 25/s by default, shared with
 * the apps' profile changes): a fifth of it
 * @param userListRequestsPerSecond the service's share, per region, of the UserList quota
 * (ListUsers; no call uses it yet): a fifth of Cognito's default 30/s
 * @param maxBudgetWait how long an interactive call, and a retry of any call, may wait
 * for the budget before it is answered 429 THROTTLED; shorter than the attempt timeout,
 * which a retry's wait runs within
 * @param budgetRedisUrl Redis holding the budget shared by all replicas
 * ({@code redis://host:6379}, {@code rediss://} for TLS); unset keeps the budget in each
 * replica's memory
 * @param budgetRedisPassword password (or AUTH token) of that Redis
 * @param expectedReplicas how many replicas share the Redis budget at most (the Helm
 * chart's 2 by default; set the HPA's maximum): while Redis cannot be reached each
 * replica spends 1/this of every budget, and a batch's deadline allows for this many
 * replicas' batches at once
 * @param queueDeadlineMargin what a batch's deadline adds to the time its items take at
 * the budget: Cognito's latency, the reads that settle lost answers, a replica that joins
 */
@Validated
@ConfigurationProperties("confirm.cognito")
record CognitoProperties(@Nullable URI endpoint, @DefaultValue("16s") Duration apiCallTimeout,
		@DefaultValue("7s") Duration apiCallAttemptTimeout, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("3") @Min(1) @Max(10) int maxAttempts, @DefaultValue("50") @Min(1) int maxConnections,
		@DefaultValue("10") @DecimalMin("0.1") double maxRequestsPerSecond,
		@DefaultValue("24") @DecimalMin("0.1") double userReadRequestsPerSecond,
		@DefaultValue("5") @DecimalMin("0.1") double userUpdateRequestsPerSecond,
		@DefaultValue("6") @DecimalMin("0.1") double userListRequestsPerSecond,
		@DefaultValue("1s") Duration maxBudgetWait, @Nullable URI budgetRedisUrl, @Nullable String budgetRedisPassword,
		@DefaultValue("2") @Min(1) @Max(100) int expectedReplicas, @DefaultValue("10s") Duration queueDeadlineMargin) {

	@Override
	public String toString() {
		return "CognitoProperties[endpoint=" + this.endpoint + ", maxRequestsPerSecond=" + this.maxRequestsPerSecond
				+ ", userReadRequestsPerSecond=" + this.userReadRequestsPerSecond + ", userUpdateRequestsPerSecond="
				+ this.userUpdateRequestsPerSecond + ", budgetRedisUrl=" + this.budgetRedisUrl + ", expectedReplicas="
				+ this.expectedReplicas + "]";
	}

	/** The service's share of a quota category, per region and second. */
	double requestsPerSecond(QuotaCategory category) {
		return switch (category) {
			case USER_CREATION -> this.maxRequestsPerSecond;
			case USER_READ -> this.userReadRequestsPerSecond;
			case USER_UPDATE -> this.userUpdateRequestsPerSecond;
			case USER_LIST -> this.userListRequestsPerSecond;
		};
	}

	CognitoProperties {
		if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
			throw new IllegalArgumentException("confirm.cognito.api-call-attempt-timeout (" + apiCallAttemptTimeout
					+ ") must not exceed confirm.cognito.api-call-timeout (" + apiCallTimeout + ")");
		}
		if (maxBudgetWait.compareTo(apiCallAttemptTimeout) >= 0) {
			// A retry's wait happens within its attempt, whose timeout would cut it
			// short.
			throw new IllegalArgumentException("confirm.cognito.max-budget-wait (" + maxBudgetWait
					+ ") must be shorter than confirm.cognito.api-call-attempt-timeout (" + apiCallAttemptTimeout
					+ ")");
		}
		if (queueDeadlineMargin.isNegative()) {
			throw new IllegalArgumentException(
					"confirm.cognito.queue-deadline-margin (" + queueDeadlineMargin + ") must not be negative");
		}
	}

}
