package com.acme.confirm.scheduling;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this replica takes part in the cluster-wide task scheduler.
 *
 * @param enabled whether this replica runs background tasks at all (off for a replica
 * that must only answer requests)
 * @param threads tasks this replica runs at once
 * @param pollingInterval how often this replica looks for due tasks
 * @param heartbeatInterval how often a running task's replica says it is alive
 * @param missedHeartbeatsLimit missed heartbeats after which another replica takes over
 * the task, at least 4 (db-scheduler refuses fewer): with the defaults, a replica that
 * died is replaced within a minute
 * @param shutdownMaxWait how long a stopping replica waits for its running tasks
 */
@Validated
@ConfigurationProperties("confirm.scheduler")
record SchedulingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("2") @Min(1) @Max(32) int threads,
		@DefaultValue("2s") Duration pollingInterval, @DefaultValue("10s") Duration heartbeatInterval,
		@DefaultValue("6") @Min(4) int missedHeartbeatsLimit, @DefaultValue("30s") Duration shutdownMaxWait) {

	SchedulingProperties {
		if (pollingInterval.isNegative() || pollingInterval.isZero() || heartbeatInterval.isNegative()
				|| heartbeatInterval.isZero()) {
			throw new IllegalArgumentException(
					"confirm.scheduler.polling-interval and confirm.scheduler.heartbeat-interval must be positive");
		}
	}

}
