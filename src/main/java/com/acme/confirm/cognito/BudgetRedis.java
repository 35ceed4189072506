package com.acme.confirm.cognito;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;

/**
 * The shared budget's connection to Redis, kept off start-up and off the calls' path: a
 * background task connects, and while Redis cannot be had (not yet connected, a command
 * failed, the connection dropped) it connects anew every second. Until then the budget is
 * degraded: the calls use the replica's local share without touching Redis. The switch is
 * logged once each way and metered ({@code confirm.cognito.budget.degraded}, 1 while
 * degraded, and {@code confirm.cognito.budget.degraded.seconds}). One class past 200
 * lines: connecting, degrading, reconnecting and metering are one piece of state, whose
 * transitions must be seen together to be seen right.
 */
final class BudgetRedis implements AutoCloseable {

	/** A budget command takes well under a millisecond; longer is Redis in trouble. */
	static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

	static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(BudgetRedis.class);

	private final RedisClient client;

	private final String address;

	private final int expectedReplicas;

	private final ScheduledExecutorService reconnector;

	/** Where the buckets are while Redis answers; {@code null} while degraded. */
	private volatile @Nullable Link link;

	/** Only the reconnector touches it. */
	private @Nullable StatefulRedisConnection<byte[], byte[]> connection;

	private long degradedSince = System.nanoTime();

	private long endedDegradedNanos;

	private @Nullable Instant degradedAt = Instant.now();

	private boolean loggedDegraded;

	BudgetRedis(RedisURI uri, int expectedReplicas, MeterRegistry meterRegistry) {
		uri.setTimeout(COMMAND_TIMEOUT);
		this.client = RedisClient.create(uri);
		// Commands fail at once instead of queueing while Redis is away; reconnecting is
		// the reconnector's job, at its own pace.
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
			.socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
			.build());
		this.address = uri.getHost() + ":" + uri.getPort();
		this.expectedReplicas = expectedReplicas;
		Gauge.builder("confirm.cognito.budget.degraded", this, (redis) -> redis.isDegraded() ? 1 : 0)
			.description("1 while the shared Cognito budget in Redis cannot be reached and the local share is used")
			.strongReference(true)
			.register(meterRegistry);
		FunctionCounter.builder("confirm.cognito.budget.degraded.seconds", this, BudgetRedis::degradedSeconds)
			.description("Time spent on the local share because Redis could not be reached")
			.baseUnit("seconds")
			.register(meterRegistry);
		this.reconnector = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "cognito-budget-redis");
			thread.setDaemon(true);
			return thread;
		});
		this.reconnector.scheduleWithFixedDelay(this::check, 0, RECONNECT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The buckets in Redis, or {@code null} while it cannot be reached. */
	@Nullable Link link() {
		return this.link;
	}

	boolean isDegraded() {
		return this.link == null;
	}

	/** Since when the budget is degraded, {@code null} while it is shared. */
	synchronized @Nullable Instant degradedAt() {
		return this.degradedAt;
	}

	String address() {
		return this.address;
	}

	/** A command on this link failed: the local share until Redis answers again. */
	void failed(Link failed, RuntimeException ex) {
		degrade(failed, ex);
	}

	private void check() {
		try {
			Link current = this.link;
			StatefulRedisConnection<byte[], byte[]> open = this.connection;
			if (current != null && open != null && open.isOpen()) {
				return;
			}
			if (current != null) {
				degrade(current, new IllegalStateException("connection closed"));
			}
			reconnect();
		}
		catch (RuntimeException ex) {
			// a scheduled task that throws is never run again
			log.debug("Checking the Cognito budget's Redis failed", ex);
		}
	}

	private void reconnect() {
		if (this.connection != null) {
			this.connection.closeAsync();
			this.connection = null;
		}
		try {
			StatefulRedisConnection<byte[], byte[]> opened = this.client.connect(ByteArrayCodec.INSTANCE);
			this.connection = opened;
			ProxyManager<byte[]> proxies = Bucket4jLettuce.casBasedBuilder(opened)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build();
			restore(new Link(proxies));
		}
		catch (RuntimeException ex) {
			degrade(null, ex);
		}
	}

	private synchronized void restore(Link restored) {
		if (this.link != null) {
			return;
		}
		long degradedFor = System.nanoTime() - this.degradedSince;
		this.endedDegradedNanos += degradedFor;
		this.degradedAt = null;
		this.link = restored;
		if (this.loggedDegraded) {
			log.info("Redis at {} answers again after {} s: the Cognito budget is shared by all replicas again",
					this.address, Duration.ofNanos(degradedFor).toSeconds());
		}
		else {
			log.info("Cognito budget shared by all replicas in Redis at {}", this.address);
		}
		this.loggedDegraded = false;
	}

	private synchronized void degrade(@Nullable Link failed, RuntimeException ex) {
		if (failed != null && this.link == failed) {
			this.link = null;
			this.degradedSince = System.nanoTime();
			this.degradedAt = Instant.now();
		}
		if (this.link == null && !this.loggedDegraded) {
			this.loggedDegraded = true;
			log.warn(
					"Redis at {} cannot be reached ({}): until it answers, each Cognito budget of this replica is "
							+ "1/{} of the configured rate",
					this.address, NestedExceptionUtils.getMostSpecificCause(ex), this.expectedReplicas);
		}
	}

	private synchronized double degradedSeconds() {
		long nanos = this.endedDegradedNanos + ((this.link == null) ? System.nanoTime() - this.degradedSince : 0);
		return nanos / 1e9;
	}

	@Override
	public void close() {
		this.reconnector.shutdownNow();
		this.client.shutdown();
	}

	/**
	 * One connection's buckets, each made once.
	 */
	static final class Link {

		private static final String KEY_PREFIX = "cognito-confirm-service:budget:";

		private final ProxyManager<byte[]> proxies;

		private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

		private Link(ProxyManager<byte[]> proxies) {
			this.proxies = proxies;
		}

		Bucket bucket(QuotaCategory category, String region, Supplier<BucketConfiguration> configuration) {
			// UserCreation keeps the key it had before there were other categories, so
			// that
			// replicas of both versions share one budget during a rolling update.
			String key = KEY_PREFIX
					+ ((category == QuotaCategory.USER_CREATION) ? region : category.id() + ":" + region);
			return this.buckets.computeIfAbsent(key,
					(name) -> this.proxies.getProxy(name.getBytes(StandardCharsets.UTF_8), configuration));
		}

		/** The confirmation jobs' bucket of the category in the region. */
		Bucket jobsBucket(QuotaCategory category, String region, Supplier<BucketConfiguration> configuration) {
			return this.buckets.computeIfAbsent(KEY_PREFIX + "jobs:" + category.id() + ":" + region,
					(name) -> this.proxies.getProxy(name.getBytes(StandardCharsets.UTF_8), configuration));
		}

	}

}
