package com.acme.confirm.job;

import java.time.Instant;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts a job's lanes, and the listing of a query job, on the cluster's scheduler. The
 * client is looked up when first used: the scheduler is built from the tasks, which need
 * this.
 */
@Component
class JobScheduling {

	/** The task of a job's lane. */
	static final String LANE_TASK = "confirmation-job-lane";

	/** The task that lists a query job's users. */
	static final String LISTING_TASK = "confirmation-job-listing";

	private final ObjectProvider<SchedulerClient> scheduler;

	JobScheduling(ObjectProvider<SchedulerClient> scheduler) {
		this.scheduler = scheduler;
	}

	/** Schedules what the job needs and does not have yet: its lanes, its listing. */
	void ensureScheduled(JobRow job, Instant when) {
		SchedulerClient client = this.scheduler.getObject();
		if (job.selection() == JobRow.Selection.QUERY && !job.listed()) {
			client.scheduleIfNotExists(new TaskInstance<Void>(LISTING_TASK, job.id().toString()), when);
		}
		for (int lane = 0; lane < job.lanes(); lane++) {
			client.scheduleIfNotExists(new TaskInstance<Void>(LANE_TASK, JobLanes.instanceId(job.id(), lane)), when);
		}
	}

	static UUID listingJob(String instanceId) {
		return UUID.fromString(instanceId);
	}

}
