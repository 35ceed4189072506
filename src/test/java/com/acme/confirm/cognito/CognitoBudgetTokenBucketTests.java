package com.acme.confirm.cognito;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.acme.confirm.support.TestRedis;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The token bucket itself, in memory and against a real Redis for the shared variant.
 */
class CognitoBudgetTokenBucketTests {

	@Test
	void acquireWhenBudgetUsedUpAndWaitTooShortThenThrottledWithRetryAfter() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (CognitoBudget budget = CognitoBudget.of(properties(1, Duration.ofMillis(20), null), meters)) {
			Region region = Region.of("test-" + UUID.randomUUID());
			budget.acquire(region);

			assertThatExceptionOfType(CognitoFailure.class).isThrownBy(() -> budget.acquire(region)).satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(CognitoFailure.Kind.BUDGET_EXHAUSTED);
				assertThat(ex.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
				assertThat(ex.cognitoError()).isNull();
			});
			assertThat(meters.get("confirm.cognito.budget.throttled").tag("region", region.id()).counter().count())
				.isEqualTo(1);
		}
	}

	@Test
	void acquireWhenOtherRegionThenItsOwnBudget() {
		try (CognitoBudget budget = CognitoBudget.of(properties(1, Duration.ofMillis(20), null),
				new SimpleMeterRegistry())) {
			budget.acquire(Region.of("test-a-" + UUID.randomUUID()));

			budget.acquire(Region.of("test-b-" + UUID.randomUUID()));
		}
	}

	@Test
	void budgetInRedisIsSharedByReplicasWhileInMemoryBudgetsAreNot() throws Exception {
		Region region = Region.of("test-" + UUID.randomUUID());
		URI redis = TestRedis.url();
		int shared;
		int separate;
		try (CognitoBudget first = CognitoBudget.of(properties(10, Duration.ofMillis(200), redis),
				new SimpleMeterRegistry());
				CognitoBudget second = CognitoBudget.of(properties(10, Duration.ofMillis(200), redis),
						new SimpleMeterRegistry())) {
			shared = acquireFor(Duration.ofSeconds(2), first, second, region);
		}
		try (CognitoBudget first = CognitoBudget.of(properties(10, Duration.ofMillis(200), null),
				new SimpleMeterRegistry());
				CognitoBudget second = CognitoBudget.of(properties(10, Duration.ofMillis(200), null),
						new SimpleMeterRegistry())) {
			separate = acquireFor(Duration.ofSeconds(2), first, second, region);
		}

		// 10/s for 2 s is 20 (19.4 after the jitter
		// margin), plus the first token of each bucket.
		assertThat(shared).isBetween(17, 21);
		assertThat(separate).isBetween(34, 42);
	}

	/** Two replicas taking from their budgets as fast as they may for the duration. */
	private static int acquireFor(Duration duration, CognitoBudget first, CognitoBudget second, Region region)
			throws Exception {
		long end = System.nanoTime() + duration.toNanos();
		ExecutorService replicas = Executors.newFixedThreadPool(2);
		List<Future<Integer>> counts = new ArrayList<>();
		for (CognitoBudget budget : List.of(first, second)) {
			counts.add(replicas.submit((Callable<Integer>) () -> {
				int acquired = 0;
				while (System.nanoTime() < end) {
					try {
						budget.acquire(region);
						if (System.nanoTime() < end) {
							acquired++;
						}
					}
					catch (CognitoFailure ex) {
						// waited the maximum; try again
					}
				}
				return acquired;
			}));
		}
		int total = 0;
		for (Future<Integer> count : counts) {
			total += count.get();
		}
		replicas.shutdown();
		return total;
	}

	private static CognitoProperties properties(double rate, Duration maxWait, URI redis) {
		return new CognitoProperties(null, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2), 3, 50,
				rate, maxWait, redis, null);
	}

}
