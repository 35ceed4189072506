package com.acme.confirm.job;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes the rows of jobs that ended longer than {@code confirm.jobs.retention} ago, a
 * bounded number of items per sweep so that a job of a million items never makes one long
 * transaction: its items go first, oldest job first, then the job's row. The audit events
 * of its items and actions are the audit trail's, kept by its own retention.
 */
@Component
class JobRetention {

	private static final Logger log = LoggerFactory.getLogger(JobRetention.class);

	/** The most item rows deleted in one statement. */
	static final int ITEMS_PER_DELETE = 10_000;

	private final JdbcClient jdbc;

	private final JobProperties properties;

	private final Clock clock;

	JobRetention(JdbcClient jdbc, JobProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Whether the job is past its retention: it is then gone for callers, even while its
	 * rows are still being deleted, so that nobody reads a part of its items.
	 * @param job the job
	 * @return whether it ended longer than {@code confirm.jobs.retention} ago
	 */
	boolean expired(JobRow job) {
		Instant finishedAt = job.finishedAt();
		return finishedAt != null && finishedAt.isBefore(this.clock.instant().minus(this.properties.retention()));
	}

	/**
	 * Deletes up to {@code maxItems} item rows of expired jobs, and the rows of the
	 * expired jobs left without items.
	 * @return the item rows deleted
	 */
	int purge(int maxItems) {
		Instant cutoff = this.clock.instant().minus(this.properties.retention());
		int deleted = 0;
		while (deleted < maxItems) {
			Optional<UUID> expired = this.jdbc
				.sql("SELECT id FROM confirmation_job WHERE finished_at < ? ORDER BY finished_at, id LIMIT 1")
				.param(cutoff.atOffset(ZoneOffset.UTC))
				.query(UUID.class)
				.optional();
			if (expired.isEmpty()) {
				break;
			}
			UUID jobId = expired.get();
			Long first = this.jdbc.sql("SELECT MIN(seq) FROM confirmation_job_item WHERE job_id = ?")
				.param(jobId)
				.query(Long.class)
				.optional()
				.orElse(null);
			if (first == null) {
				this.jdbc.sql("DELETE FROM confirmation_job WHERE id = ?").param(jobId).update();
				log.info("Confirmation job {} ended before {} and was deleted (confirm.jobs.retention)", jobId, cutoff);
				continue;
			}
			int chunk = Math.min(ITEMS_PER_DELETE, maxItems - deleted);
			deleted += this.jdbc.sql("DELETE FROM confirmation_job_item WHERE job_id = ? AND seq < ?")
				.params(jobId, first + chunk)
				.update();
		}
		return deleted;
	}

}
