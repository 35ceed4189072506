package com.acme.confirm.job;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How confirmation jobs run.
 *
 * @param budgetShare the largest share of a region's UserCreation budget
 * ({@code confirm.cognito.max-requests-per-second}) that all jobs together may use; the
 * rest is always left to interactive confirmations
 * @param lanes how many parts a job's items are split into; each part runs on one replica
 * at a time (a scheduler execution), so this is how many replicas work on one job at once
 * @param slice how long a lane works before it lets the scheduler run other jobs' lanes
 * (it goes to the back of the queue): what makes several jobs share the replicas fairly
 * @param recheck how often a lane of a paused job, or of a query job whose next page is
 * not listed yet, looks again; a resumed job goes on within this plus the scheduler's
 * polling interval
 * @param backoff how long a lane waits after an item could not be attempted (the audit
 * trail, the budget or Cognito was not available) before it tries again
 * @param maxCsvUsernames the most usernames a {@code text/csv} upload may hold
 * @param sweepInterval how often one replica checks that every unfinished job has its
 * lanes scheduled, and refreshes the queue-depth gauge
 * @param itemParallelism items of one lane in flight at once. A lane's throughput is this
 * divided by one item's latency (two Cognito calls and the audit writes), so it is what
 * lets a job use a budget of hundreds per second; the budget still paces them
 * @param retention how long the rows of an ended job (the job and its items) are kept;
 * the sweep deletes them after that, its items a bounded number at a time. Its audit
 * events are kept by {@code confirm.audit.retention}
 */
@Validated
@ConfigurationProperties("confirm.jobs")
record JobProperties(@DefaultValue("0.8") @DecimalMin("0.01") @DecimalMax("1.0") double budgetShare,
		@DefaultValue("4") @Min(1) @Max(64) int lanes, @DefaultValue("10s") Duration slice,
		@DefaultValue("1s") Duration recheck, @DefaultValue("5s") Duration backoff,
		@DefaultValue("1000000") @Min(1) @Max(10_000_000) int maxCsvUsernames,
		@DefaultValue("10s") Duration sweepInterval, @DefaultValue("4") @Min(1) @Max(32) int itemParallelism,
		@DefaultValue("30d") Duration retention) {

	JobProperties {
		for (Duration duration : new Duration[] { slice, recheck, backoff, sweepInterval, retention }) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(
						"confirm.jobs.slice, recheck, backoff, sweep-interval and retention must be positive");
			}
		}
	}

}
