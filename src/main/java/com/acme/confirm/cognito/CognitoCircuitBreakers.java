package com.acme.confirm.cognito;

import java.time.Duration;

import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.UserPools;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * One circuit breaker per region and assumed role, so that a region or an account that
 * fails suspends only its own pools' calls. Each is made from the shared settings
 * {@code resilience4j.circuitbreaker.configs.cognito} and named {@code cognito-<region>},
 * or {@code cognito-<region>-<account>-<role>} for a pool with a {@code role-arn}. They
 * are made at start-up for every managed pool, so that each shows in health and metrics
 * before its first call.
 */
final class CognitoCircuitBreakers {

	/** The breakers' settings in {@code resilience4j.circuitbreaker.configs}. */
	static final String CONFIG = "cognito";

	private final CircuitBreakerRegistry registry;

	CognitoCircuitBreakers(CircuitBreakerRegistry registry, UserPools pools) {
		this.registry = registry;
		pools.all().forEach(this::forPool);
	}

	/** The breaker of the pool's region and role. */
	CircuitBreaker forPool(ManagedUserPool pool) {
		return this.registry.circuitBreaker(name(pool.region(), pool.roleArn()), CONFIG);
	}

	/**
	 * {@code cognito-us-east-1}; with a role, its account and name (path included) from
	 * {@code arn:aws:iam::<account>:role/<path/name>}:
	 * {@code cognito-us-west-2-<account>-<name>}.
	 */
	static String name(String region, @Nullable String roleArn) {
		if (roleArn == null) {
			return "cognito-" + region;
		}
		String[] parts = roleArn.split(":", 6);
		String role = (parts.length == 6 && parts[5].startsWith("role/"))
				? parts[4] + "-" + parts[5].substring("role/".length()) : roleArn;
		return "cognito-" + region + "-" + role.replaceAll("[^A-Za-z0-9_.+=@-]", "-");
	}

	/** How long a breaker stays open: the earliest a retry can be let through. */
	static Duration openWait(CircuitBreaker breaker) {
		return Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
	}

}
