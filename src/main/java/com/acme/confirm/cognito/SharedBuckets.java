package com.acme.confirm.cognito;

import java.time.Duration;
import java.time.Instant;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.BucketConfiguration;

import software.amazon.awssdk.regions.Region;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The budget shared by all replicas in Redis, each category's whole rate in one bucket
 * per region. While Redis cannot be reached, the calls take from a local share instead,
 * {@code 1/expected-replicas} of each rate: the fleet stays within the budget as long as
 * no more replicas run than expected, and nothing fails because a cache is gone.
 */
final class SharedBuckets implements BudgetBuckets {

	/**
	 * Readiness shows it, but does not fail on it: Cognito is still called, more slowly.
	 */
	static final Status DEGRADED = new Status("DEGRADED", "Redis cannot be reached: each replica uses its local share");

	private final BudgetRedis redis;

	private final LocalBuckets localShare;

	private final CognitoProperties properties;

	SharedBuckets(BudgetRedis redis, CognitoProperties properties) {
		this.redis = redis;
		this.properties = properties;
		this.localShare = new LocalBuckets(properties, properties.expectedReplicas());
	}

	@Override
	public boolean tryTake(QuotaCategory category, Region region, Duration maxWait, BlockingStrategy parking)
			throws InterruptedException {
		BudgetRedis.Link link = this.redis.link();
		if (link != null) {
			try {
				return link.bucket(category, region.id(), () -> configuration(category))
					.asBlocking()
					.tryConsume(1, maxWait, parking);
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				// Redis, Lettuce or Bucket4j: the reservation was not made
				this.redis.failed(link, ex);
			}
		}
		return this.localShare.tryTake(category, region, maxWait, parking);
	}

	@Override
	public boolean tryTakeJobs(QuotaCategory category, Region region, double share, Duration maxWait,
			BlockingStrategy parking) throws InterruptedException {
		BudgetRedis.Link link = this.redis.link();
		if (link != null) {
			try {
				return link
					.jobsBucket(category, region.id(),
							() -> BudgetBuckets.configuration(this.properties.requestsPerSecond(category) * share))
					.asBlocking()
					.tryConsume(1, maxWait, parking);
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				this.redis.failed(link, ex);
			}
		}
		return this.localShare.tryTakeJobs(category, region, share, maxWait, parking);
	}

	@Override
	public Duration untilRoom(QuotaCategory category, Region region) {
		BudgetRedis.Link link = this.redis.link();
		if (link != null) {
			try {
				return Duration.ofNanos(link.bucket(category, region.id(), () -> configuration(category))
					.estimateAbilityToConsume(1)
					.getNanosToWaitForRefill());
			}
			catch (RuntimeException ex) {
				this.redis.failed(link, ex);
			}
		}
		return this.localShare.untilRoom(category, region);
	}

	@Override
	public Health health() {
		Instant degradedAt = this.redis.degradedAt();
		if (degradedAt == null) {
			return Health.up().withDetail("store", "redis").withDetail("redis", this.redis.address()).build();
		}
		return Health.status(DEGRADED)
			.withDetail("store", "local share")
			.withDetail("redis", this.redis.address())
			.withDetail("degradedSince", degradedAt.toString())
			.withDetail("localShare", "1/" + this.properties.expectedReplicas())
			.build();
	}

	private BucketConfiguration configuration(QuotaCategory category) {
		return BudgetBuckets.configuration(this.properties.requestsPerSecond(category));
	}

	@Override
	public void close() {
		this.redis.close();
	}

}
