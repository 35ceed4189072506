package com.acme.confirm.cognito;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.BucketConfiguration;
import software.amazon.awssdk.regions.Region;

import org.springframework.boot.health.contributor.Health;

/**
 * Where the budget's token buckets live: one per quota category and region, in this
 * replica's memory or shared in Redis.
 */
interface BudgetBuckets extends AutoCloseable {

	/**
	 * Spend slightly less than the budget: the time between taking a token and the
	 * request reaching Cognito varies by a few milliseconds, which must not put more than
	 * the budget into any second that Cognito counts.
	 */
	double JITTER_MARGIN = 0.97;

	/**
	 * Takes one token: reserves the next free one if it comes within {@code maxWait} and
	 * waits for it as {@code parking} does. Reservations are served in the order they are
	 * made, which is what queues waiting callers, across replicas where the bucket is
	 * shared.
	 * @return whether a token was taken
	 * @throws InterruptedException when interrupted while waiting for a reserved token
	 */
	boolean tryTake(QuotaCategory category, Region region, Duration maxWait, BlockingStrategy parking)
			throws InterruptedException;

	/**
	 * Takes one token from the confirmation jobs' own bucket of the category, refilled at
	 * {@code share} of its rate: a job item takes one before it takes the category's
	 * token, so that jobs together never use more than that share of the budget.
	 * @return whether a token was taken
	 * @throws InterruptedException when interrupted while waiting for a reserved token
	 */
	boolean tryTakeJobs(QuotaCategory category, Region region, double share, Duration maxWait, BlockingStrategy parking)
			throws InterruptedException;

	/** How long until the bucket has room for one more request. */
	Duration untilRoom(QuotaCategory category, Region region);

	/** Where the buckets are and whether they are what they should be. */
	Health health();

	@Override
	void close();

	/**
	 * One token, refilled evenly at the rate less the jitter margin: requests are spaced,
	 * never sent in a burst.
	 */
	static BucketConfiguration configuration(double requestsPerSecond) {
		long nanosPerToken = (long) (1_000_000_000L / (requestsPerSecond * JITTER_MARGIN));
		return BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofNanos(nanosPerToken)).build())
			.build();
	}

}
