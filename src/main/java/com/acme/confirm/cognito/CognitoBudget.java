package com.acme.confirm.cognito;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * The service's share of Cognito's request rate for the confirm category, one token
 * bucket per region: in memory, or in Redis so that the sum over all replicas holds.
 * <p>
 * As an interceptor of the Cognito clients it takes a token for every attempt of a
 * confirm-category call, retries included (Cognito counts them), just before the request
 * goes out: taken any earlier, a request held up after taking its token (class loading, a
 * busy CPU) would go out together with later ones and exceed the rate.
 */
final class CognitoBudget implements ExecutionInterceptor, AutoCloseable {

	/** Operations of Cognito's confirm request-rate category that this service calls. */
	static final Set<String> CONFIRM_CATEGORY = Set.of("AdminConfirmSignUp", "ConfirmSignUp");

	/**
	 * Spend slightly less than the budget: the time between taking a token and the
	 * request reaching Cognito varies by a few milliseconds, which must not put more than
	 * the budget into any second that Cognito counts.
	 */
	static final double JITTER_MARGIN = 0.97;

	private static final String KEY_PREFIX = "cognito-confirm-service:budget:";

	private final BucketConfiguration configuration;

	private final Duration maxWait;

	private final Function<Region, Bucket> buckets;

	private final @Nullable RedisClient redis;

	private final MeterRegistry meterRegistry;

	private CognitoBudget(double requestsPerSecond, Duration maxWait, @Nullable RedisClient redis,
			MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
		long nanosPerToken = (long) (1_000_000_000L / (requestsPerSecond * JITTER_MARGIN));
		// One token, refilled evenly: requests are spaced, never sent in a burst.
		this.configuration = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofNanos(nanosPerToken)).build())
			.build();
		this.maxWait = maxWait;
		this.redis = redis;
		if (redis == null) {
			Map<Region, Bucket> local = new ConcurrentHashMap<>();
			this.buckets = (region) -> local.computeIfAbsent(region,
					(key) -> Bucket.builder().addLimit(this.configuration.getBandwidths()[0]).build());
		}
		else {
			ProxyManager<byte[]> proxies = Bucket4jLettuce.casBasedBuilder(redis)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build();
			this.buckets = (region) -> proxies.getProxy((KEY_PREFIX + region.id()).getBytes(StandardCharsets.UTF_8),
					() -> this.configuration);
		}
	}

	static CognitoBudget of(CognitoProperties properties, MeterRegistry meterRegistry) {
		RedisClient redis = null;
		if (properties.budgetRedisUrl() != null) {
			RedisURI uri = RedisURI.create(properties.budgetRedisUrl().toString());
			String password = properties.budgetRedisPassword();
			if (password != null && !password.isEmpty()) {
				uri.setAuthentication(password);
			}
			redis = RedisClient.create(uri);
		}
		return new CognitoBudget(properties.maxRequestsPerSecond(), properties.maxBudgetWait(), redis, meterRegistry);
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		if (CONFIRM_CATEGORY.contains(executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
			acquire(executionAttributes.getAttribute(AwsExecutionAttribute.AWS_REGION));
		}
	}

	/**
	 * Takes one request from the region's budget, waiting for it at most the configured
	 * time.
	 * @throws CognitoFailure BUDGET_EXHAUSTED, with the time until the budget has room
	 * again
	 */
	void acquire(Region region) {
		Bucket bucket = this.buckets.apply(region);
		try {
			if (bucket.asBlocking().tryConsume(1, this.maxWait)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Counter.builder("confirm.cognito.budget.throttled")
			.description("Cognito calls refused because the service's share of the request rate was used up")
			.tag("region", region.id())
			.register(this.meterRegistry)
			.increment();
		long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
		throw new CognitoFailure(CognitoFailure.Kind.BUDGET_EXHAUSTED,
				"The service's share of the Cognito request rate is used up; retry after the time given in "
						+ "Retry-After.",
				null, null, Duration.ofNanos(Math.max(nanos, 1_000_000_000L)), 0, null);
	}

	@Override
	public void close() {
		if (this.redis != null) {
			this.redis.shutdown();
		}
	}

}
