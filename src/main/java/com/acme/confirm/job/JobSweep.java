package com.acme.confirm.job;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * What keeps unfinished jobs going whatever happened: on one replica at a time, every
 * unfinished job gets the scheduler executions it lacks (a replica that died between
 * creating a job and scheduling it, a lane that ended while the job was still listed), a
 * running job whose items are all done is ended, the gauges are refreshed, and the rows
 * of jobs past {@code confirm.jobs.retention} are deleted, a bounded part at a time.
 */
@Component
class JobSweep {

	private static final Logger log = LoggerFactory.getLogger(JobSweep.class);

	/** The most item rows of expired jobs one sweep deletes. */
	static final int ITEMS_PURGED_PER_SWEEP = 50_000;

	private final JobRepository jobs;

	private final JobItemRepository itemRows;

	private final JobScheduling scheduling;

	private final JobMetrics metrics;

	private final JobRetention retention;

	private final Clock clock;

	JobSweep(JobRepository jobs, JobItemRepository itemRows, JobScheduling scheduling, JobMetrics metrics,
			JobRetention retention, Clock clock) {
		this.jobs = jobs;
		this.itemRows = itemRows;
		this.scheduling = scheduling;
		this.metrics = metrics;
		this.retention = retention;
		this.clock = clock;
	}

	void run() {
		List<JobRow> unfinished = this.jobs.findUnfinished();
		for (JobRow job : unfinished) {
			if (job.state() == JobState.RUNNING && this.jobs.finishIfDone(job.id(), this.clock.instant())) {
				log.info("Confirmation job {} is done", job.id());
				continue;
			}
			this.scheduling.ensureScheduled(job, this.clock.instant());
		}
		this.metrics.swept(this.itemRows.queueDepth(), unfinished.size());
		this.retention.purge(ITEMS_PURGED_PER_SWEEP);
	}

}
