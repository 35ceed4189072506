package com.acme.confirm.cognito;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import software.amazon.awssdk.regions.Region;

import org.springframework.boot.health.contributor.Health;

/**
 * The budget in this replica's memory, at a share of each category's rate: all of it when
 * the budget is not shared, a replica's part of it while the shared one cannot be
 * reached.
 */
final class LocalBuckets implements BudgetBuckets {

	private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

	private final Map<Key, Bucket> jobBuckets = new ConcurrentHashMap<>();

	private final CognitoProperties properties;

	private final int share;

	/**
	 * @param properties the budgets
	 * @param share each bucket gets {@code 1/share} of its category's rate
	 */
	LocalBuckets(CognitoProperties properties, int share) {
		this.properties = properties;
		this.share = share;
	}

	@Override
	public boolean tryTake(QuotaCategory category, Region region, Duration maxWait, BlockingStrategy parking)
			throws InterruptedException {
		return bucket(category, region).asBlocking().tryConsume(1, maxWait, parking);
	}

	@Override
	public boolean tryTakeJobs(QuotaCategory category, Region region, double share, Duration maxWait,
			BlockingStrategy parking) throws InterruptedException {
		Bucket bucket = this.jobBuckets.computeIfAbsent(new Key(category, region), (key) -> {
			BucketConfiguration configuration = BudgetBuckets.configuration(requestsPerSecond(category) * share);
			return Bucket.builder().addLimit(configuration.getBandwidths()[0]).build();
		});
		return bucket.asBlocking().tryConsume(1, maxWait, parking);
	}

	@Override
	public Duration untilRoom(QuotaCategory category, Region region) {
		return Duration.ofNanos(bucket(category, region).estimateAbilityToConsume(1).getNanosToWaitForRefill());
	}

	/** Its own budget per replica, as configured. */
	@Override
	public Health health() {
		return Health.up().withDetail("store", "memory").build();
	}

	double requestsPerSecond(QuotaCategory category) {
		return this.properties.requestsPerSecond(category) / this.share;
	}

	private Bucket bucket(QuotaCategory category, Region region) {
		return this.buckets.computeIfAbsent(new Key(category, region), (key) -> {
			BucketConfiguration configuration = BudgetBuckets.configuration(requestsPerSecond(category));
			return Bucket.builder().addLimit(configuration.getBandwidths()[0]).build();
		});
	}

	@Override
	public void close() {
		// nothing held outside the heap
	}

	private record Key(QuotaCategory category, Region region) {
	}

}
