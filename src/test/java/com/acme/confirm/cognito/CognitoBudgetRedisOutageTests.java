package com.acme.confirm.cognito;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.acme.confirm.support.EmbeddedRedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared budget while its Redis goes away and comes back, on a Redis of this test's
 * own (stopping a shared one would take it from other tests): the calls go on at the
 * local share, the switch is logged once each way and metered, and the budget is shared
 * again once Redis answers.
 */
class CognitoBudgetRedisOutageTests {

	private static final Duration SOON = Duration.ofSeconds(15);

	private EmbeddedRedisServer redis;

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	@BeforeEach
	void startRedis() throws IOException {
		this.redis = EmbeddedRedisServer.launch();
		this.log.start();
		((Logger) LoggerFactory.getLogger(BudgetRedis.class)).addAppender(this.log);
	}

	@AfterEach
	void stopRedis() {
		((Logger) LoggerFactory.getLogger(BudgetRedis.class)).detachAppender(this.log);
		this.redis.close();
	}

	@Test
	void redisLostThenLocalShareUntilItAnswersAgainLoggedOnceEachWayAndMetered() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		Region region = Region.of("test-" + UUID.randomUUID());
		try (CognitoBudget budget = CognitoBudget.of(properties(this.redis.url()), meters)) {
			CognitoBudgetTokenBucketTests.awaitShared(budget);
			assertThat(gauge(meters)).isZero();

			this.redis.stop();
			int taken = takeFor(budget, region, Duration.ofSeconds(2));

			// 10/s shared, 5/s (× 0.97) alone: 10.7 in 2 s with the first token; the
			// shared rate would give twice that
			assertThat(taken).isBetween(8, 13);
			assertThat(gauge(meters)).isEqualTo(1);
			assertThat(budget.health().getStatus()).isEqualTo(SharedBuckets.DEGRADED);
			assertThat(budget.health().getDetails()).containsEntry("localShare", "1/2");
			Thread.sleep(2 * BudgetRedis.RECONNECT_INTERVAL.toMillis());

			this.redis.start();
			await(() -> gauge(meters) == 0);

			assertThat(budget.health().getStatus()).isEqualTo(Status.UP);
			assertThat(meters.get("confirm.cognito.budget.degraded.seconds").functionCounter().count())
				.isGreaterThan(2.0);
			budget.awaitFirstAttempt(QuotaCategory.USER_CREATION, region);
			assertThat(messages("cannot be reached")).isEqualTo(1);
			assertThat(messages("answers again")).isEqualTo(1);
		}
	}

	@Test
	void budgetWhoseRedisIsDownAtStartTakesTheLocalShareAndSharesOnceRedisAnswers() throws Exception {
		this.redis.stop();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		Region region = Region.of("test-" + UUID.randomUUID());
		try (CognitoBudget budget = CognitoBudget.of(properties(this.redis.url()), meters)) {
			budget.awaitFirstAttempt(QuotaCategory.USER_CREATION, region);
			await(() -> messages("cannot be reached") == 1);
			assertThat(gauge(meters)).isEqualTo(1);

			this.redis.start();
			await(() -> gauge(meters) == 0);

			assertThat(budget.health().getStatus()).isEqualTo(Status.UP);
			assertThat(messages("answers again")).isEqualTo(1);
		}
	}

	private static int takeFor(CognitoBudget budget, Region region, Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		int taken = 0;
		while (System.nanoTime() < end) {
			try {
				budget.awaitFirstAttempt(QuotaCategory.USER_CREATION, region);
				if (System.nanoTime() < end) {
					taken++;
				}
			}
			catch (CognitoFailure ex) {
				// waited the maximum; try again
			}
		}
		return taken;
	}

	private long messages(String fragment) {
		return this.log.list.stream().filter((event) -> event.getFormattedMessage().contains(fragment)).count();
	}

	private static double gauge(SimpleMeterRegistry meters) {
		return meters.get("confirm.cognito.budget.degraded").gauge().value();
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + SOON.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < end) {
			Thread.sleep(50);
		}
		assertThat(condition.getAsBoolean()).as("within %s", SOON).isTrue();
	}

	private static CognitoProperties properties(URI redis) {
		return new CognitoProperties(null, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2), 3, 50,
				10, 10, 10, 10, Duration.ofMillis(300), redis, null, 2, Duration.ofSeconds(10));
	}

}
