package com.acme.confirm.cognito;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.acme.confirm.support.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminConfirmSignUpRequest;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The token buckets themselves, in memory and against a real Redis for the shared
 * variant.
 */
class CognitoBudgetTokenBucketTests {

	@Test
	void acquireWhenBudgetUsedUpAndWaitTooShortThenThrottledWithRetryAfter() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (CognitoBudget budget = CognitoBudget.of(properties(1, Duration.ofMillis(20), null), meters)) {
			Region region = Region.of("test-" + UUID.randomUUID());
			budget.awaitFirstAttempt(QuotaCategory.USER_CREATION, region);

			assertThatExceptionOfType(CognitoFailure.class)
				.isThrownBy(() -> budget.awaitFirstAttempt(QuotaCategory.USER_CREATION, region))
				.satisfies((ex) -> {
					assertThat(ex.kind()).isEqualTo(CognitoFailure.Kind.BUDGET_EXHAUSTED);
					assertThat(ex.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
					assertThat(ex.cognitoError()).isNull();
					assertThat(ex.attempts()).isZero();
				});
			assertThat(meters.get("confirm.cognito.budget.throttled")
				.tag("region", region.id())
				.tag("category", "user-creation")
				.counter()
				.count()).isEqualTo(1);
		}
	}

	@Test
	void acquireWhenOtherRegionOrOtherCategoryThenItsOwnBudget() {
		try (CognitoBudget budget = CognitoBudget.of(properties(1, Duration.ofMillis(20), null),
				new SimpleMeterRegistry())) {
			Region region = Region.of("test-a-" + UUID.randomUUID());
			budget.awaitFirstAttempt(QuotaCategory.USER_CREATION, region);

			budget.awaitFirstAttempt(QuotaCategory.USER_CREATION, Region.of("test-b-" + UUID.randomUUID()));
			budget.awaitFirstAttempt(QuotaCategory.USER_READ, region);
			budget.awaitFirstAttempt(QuotaCategory.USER_UPDATE, region);
		}
	}

	@Test
	void retryWhenBudgetUsedUpThenRefusedSayingHowManyAttemptsWereSent() {
		try (CognitoBudget budget = CognitoBudget.of(properties(1, Duration.ofMillis(20), null),
				new SimpleMeterRegistry())) {
			Region region = Region.of("test-" + UUID.randomUUID());
			ExecutionAttributes attributes = new ExecutionAttributes();
			attributes.putAttribute(AwsExecutionAttribute.AWS_REGION, region);
			Context.BeforeTransmission attempt = InterceptorContext.builder()
				.request(AdminConfirmSignUpRequest.builder().userPoolId("p").username("u").build())
				.httpRequest(
						SdkHttpRequest.builder().uri(URI.create("https://cognito")).method(SdkHttpMethod.POST).build())
				.build();

			budget.beforeTransmission(attempt, attributes);

			assertThatExceptionOfType(CognitoFailure.class)
				.isThrownBy(() -> budget.beforeTransmission(attempt, attributes))
				.satisfies((ex) -> {
					assertThat(ex.kind()).isEqualTo(CognitoFailure.Kind.BUDGET_EXHAUSTED);
					assertThat(ex.attempts()).isEqualTo(1);
					assertThat(ex.mayHaveBeenApplied()).isTrue();
				});
		}
	}

	@Test
	void queuedCallsWaitTheirTurnPastTheInteractiveWaitAndStillKeepTheRate() throws Exception {
		try (CognitoBudget budget = CognitoBudget.of(properties(10, Duration.ofMillis(20), null),
				new SimpleMeterRegistry())) {
			Region region = Region.of("test-" + UUID.randomUUID());
			CognitoQueue queue = new CognitoQueue(properties(10, Duration.ofMillis(20), null));
			Instant deadline = Instant.now().plusSeconds(30);
			ExecutorService workers = Executors.newFixedThreadPool(4);
			long started = System.nanoTime();
			List<Future<Integer>> done = new ArrayList<>();
			for (int w = 0; w < 4; w++) {
				done.add(workers.submit(() -> queue.until(deadline, () -> {
					for (int i = 0; i < 4; i++) {
						budget.awaitFirstAttempt(QuotaCategory.USER_CREATION, region);
					}
					return 4;
				})));
			}
			int taken = 0;
			for (Future<Integer> worker : done) {
				taken += worker.get();
			}
			workers.shutdown();

			// 16 tokens at 9.7/s: the first at once, the last after 15 intervals
			assertThat(taken).isEqualTo(16);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1400));
			assertThat(CognitoQueue.deadline()).isNull();
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
			awaitShared(first);
			awaitShared(second);
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

	/** Waits until a budget's background connection to Redis is up. */
	static void awaitShared(CognitoBudget budget) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!Status.UP.equals(budget.health().getStatus()) && System.nanoTime() < end) {
			Thread.sleep(20);
		}
		assertThat(budget.health().getStatus()).isEqualTo(Status.UP);
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
						budget.awaitFirstAttempt(QuotaCategory.USER_CREATION, region);
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

	static CognitoProperties properties(double rate, Duration maxWait, URI redis) {
		return new CognitoProperties(null, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2), 3, 50,
				rate, rate, rate, rate, maxWait, redis, null, 2, Duration.ofSeconds(10));
	}

}
