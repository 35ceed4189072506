package com.acme.confirm.cognito;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.bucket4j.BlockingStrategy;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

import org.springframework.boot.health.contributor.Health;

/**
 * The service's share of Cognito's request rates: a token bucket per quota category and
 * region ({@link QuotaCategory}), in memory or shared by all replicas in Redis
 * ({@link BudgetBuckets}).
 * <p>
 * A call's first attempt waits for its token before the SDK call starts
 * ({@link #awaitFirstAttempt}), so that a wait in the queue is not cut short by the SDK's
 * call and attempt timeouts: an interactive call waits at most {@code max-budget-wait}, a
 * call of queued work ({@link CognitoQueue}) until the work's deadline. That wait ends
 * {@link #LEAD} early and the rest is waited as an interceptor of the Cognito clients,
 * just before the request goes out: a request that the SDK's own work held up after its
 * token was due would go out together with later ones and exceed the rate. The
 * interceptor also takes a token for every further attempt (Cognito counts retries too),
 * waiting at most {@code max-budget-wait} within the attempt.
 */
final class CognitoBudget implements ExecutionInterceptor, AutoCloseable {

	/**
	 * How much of the first attempt's wait for its token is left to the interceptor: more
	 * than the SDK takes to prepare a request on a busy host.
	 */
	static final Duration LEAD = Duration.ofMillis(20);

	/** When the token of a request's first attempt is due ({@link System#nanoTime()}). */
	private static final ExecutionAttribute<Long> FIRST_ATTEMPT_DUE = new ExecutionAttribute<>(
			"ConfirmFirstAttemptDue");

	private static final ExecutionAttribute<Integer> ATTEMPTS_SENT = new ExecutionAttribute<>("ConfirmAttemptsSent");

	private static final Duration SHORTEST_RETRY_AFTER = Duration.ofSeconds(1);

	private final BudgetBuckets buckets;

	private final Duration maxWait;

	private final MeterRegistry meterRegistry;

	CognitoBudget(BudgetBuckets buckets, Duration maxWait, MeterRegistry meterRegistry) {
		this.buckets = buckets;
		this.maxWait = maxWait;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * The budget the properties describe: shared in Redis when a URL is given (connected
	 * in the background, never at start-up), else in this replica's memory.
	 */
	static CognitoBudget of(CognitoProperties properties, MeterRegistry meterRegistry) {
		BudgetBuckets buckets;
		if (properties.budgetRedisUrl() != null) {
			RedisURI uri = RedisURI.create(properties.budgetRedisUrl().toString());
			String password = properties.budgetRedisPassword();
			if (password != null && !password.isEmpty()) {
				uri.setAuthentication(password);
			}
			buckets = new SharedBuckets(new BudgetRedis(uri, properties.expectedReplicas(), meterRegistry), properties);
		}
		else {
			buckets = new LocalBuckets(properties, 1);
		}
		return new CognitoBudget(buckets, properties.maxBudgetWait(), meterRegistry);
	}

	/**
	 * Takes the token for a call's first attempt, before the call starts: waiting until
	 * the deadline of the queued work this thread runs, else at most
	 * {@code max-budget-wait}, and returning up to {@link #LEAD} before the token is due.
	 * @return the request's override configuration: it says when the token is due, and
	 * that the interceptor takes none for the first attempt
	 * @throws CognitoFailure BUDGET_EXHAUSTED (nothing sent), with the time until the
	 * budget has room again
	 */
	AwsRequestOverrideConfiguration awaitFirstAttempt(QuotaCategory category, Region region) {
		Instant deadline = CognitoQueue.deadline();
		Duration wait = this.maxWait;
		if (deadline != null) {
			Duration left = Duration.between(Instant.now(), deadline);
			wait = (left.compareTo(wait) > 0) ? left : wait;
		}
		EarlyWake parking = new EarlyWake();
		take(category, region, wait, 0, parking);
		return AwsRequestOverrideConfiguration.builder().putExecutionAttribute(FIRST_ATTEMPT_DUE, parking.due).build();
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		QuotaCategory category = QuotaCategory.of(context.request());
		if (category == null) {
			return;
		}
		Integer counted = executionAttributes.getAttribute(ATTEMPTS_SENT);
		int sent = (counted != null) ? counted : 0;
		executionAttributes.putAttribute(ATTEMPTS_SENT, sent + 1);
		Long due = executionAttributes.getAttribute(FIRST_ATTEMPT_DUE);
		if (sent == 0 && due != null) {
			for (long left = due - System.nanoTime(); left > 0
					&& !Thread.currentThread().isInterrupted(); left = due - System.nanoTime()) {
				LockSupport.parkNanos(left);
			}
			return;
		}
		take(category, executionAttributes.getAttribute(AwsExecutionAttribute.AWS_REGION), this.maxWait, sent,
				BlockingStrategy.PARKING);
	}

	/**
	 * Takes one request from the category's budget in the region.
	 * @param sent the attempts of the call already sent, for the failure to say
	 */
	private void take(QuotaCategory category, Region region, Duration wait, int sent, BlockingStrategy parking) {
		long started = System.nanoTime();
		boolean taken;
		try {
			taken = this.buckets.tryTake(category, region, wait, parking);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			taken = false;
		}
		if (taken) {
			Timer.builder("confirm.cognito.budget.wait")
				.description("Time Cognito calls waited for the service's share of the request rate")
				.tag("category", category.id())
				.tag("region", region.id())
				.register(this.meterRegistry)
				.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			return;
		}
		Counter.builder("confirm.cognito.budget.throttled")
			.description("Cognito calls refused because the service's share of the request rate was used up")
			.tag("category", category.id())
			.tag("region", region.id())
			.register(this.meterRegistry)
			.increment();
		Duration untilRoom = this.buckets.untilRoom(category, region);
		throw new CognitoFailure(CognitoFailure.Kind.BUDGET_EXHAUSTED,
				"The service's share of the Cognito request rate is used up; retry after the time given in "
						+ "Retry-After.",
				null, null, (untilRoom.compareTo(SHORTEST_RETRY_AFTER) > 0) ? untilRoom : SHORTEST_RETRY_AFTER, sent,
				null);
	}

	/**
	 * Takes one token from the jobs' share of the category's budget, waiting at most
	 * {@code maxWait}.
	 * @return whether it was taken
	 */
	boolean tryTakeJobs(QuotaCategory category, Region region, double share, Duration maxWait) {
		try {
			return this.buckets.tryTakeJobs(category, region, share, maxWait, BlockingStrategy.PARKING);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Where the budget is kept, and whether that is degraded. */
	Health health() {
		return this.buckets.health();
	}

	@Override
	public void close() {
		this.buckets.close();
	}

	/**
	 * Sleeps for a reserved token until {@link #LEAD} before it is due, and remembers
	 * when that is.
	 */
	private static final class EarlyWake implements BlockingStrategy {

		private long due = System.nanoTime();

		@Override
		public void park(long nanosToPark) throws InterruptedException {
			this.due = System.nanoTime() + nanosToPark;
			long early = nanosToPark - LEAD.toNanos();
			if (early > 0) {
				BlockingStrategy.PARKING.park(early);
			}
		}

	}

}
