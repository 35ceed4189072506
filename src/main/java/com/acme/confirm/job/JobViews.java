package com.acme.confirm.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.acme.confirm.cognito.JobBudget;
import com.acme.confirm.userpool.ManagedUserPool;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A job as callers see it, with its progress and an estimate of when it ends, from the
 * jobs' share of the budget and the items left of the other jobs running in its region.
 */
@Component
class JobViews {

	private final JobRepository jobs;

	private final JobBudget budget;

	private final JobProperties properties;

	private final Clock clock;

	JobViews(JobRepository jobs, JobBudget budget, JobProperties properties, Clock clock) {
		this.jobs = jobs;
		this.budget = budget;
		this.properties = properties;
		this.clock = clock;
	}

	ConfirmationJob of(JobRow job) {
		Long total = job.listed() ? job.total() : null;
		Long remaining = (total != null) ? total - job.done() : null;
		Double percentDone = null;
		if (total != null) {
			percentDone = (total == 0) ? 100.0 : Math.floor(job.done() * 1000.0 / total) / 10.0;
		}
		return new ConfirmationJob(job.id(), job.userPoolId(), job.state(), job.dryRun(), job.caller().subject(),
				job.createdAt(), job.startedAt(), job.finishedAt(), new ConfirmationJob.Counts(total, job.confirmed(),
						job.alreadyConfirmed(), job.wouldConfirm(), job.failed(), remaining),
				percentDone, estimatedCompletion(job, remaining), job.auditEventId());
	}

	/**
	 * The budget is shared fairly, so a job's items go at the share of its region split
	 * among the jobs still running there, and each job that ends before it hands its part
	 * to the others: by then this job has done as many items as that job had left. So it
	 * ends after the sum, over the region's running jobs, of the items each has left, at
	 * most as many as this job has left, at the region's rate (processor sharing). A job
	 * still being listed counts as outlasting every other.
	 */
	private @Nullable Instant estimatedCompletion(JobRow job, @Nullable Long remaining) {
		if (remaining == null || (job.state() != JobState.QUEUED && job.state() != JobState.RUNNING)) {
			return null;
		}
		String region = ManagedUserPool.regionOf(job.userPoolId());
		long ahead = remaining;
		for (JobRepository.ActiveJob other : this.jobs.findActive()) {
			if (!other.id().equals(job.id()) && ManagedUserPool.regionOf(other.userPoolId()).equals(region)) {
				ahead += (other.remaining() != null) ? Math.min(other.remaining(), remaining) : remaining;
			}
		}
		double perSecond = this.budget.itemsPerSecond(this.properties.budgetShare());
		return this.clock.instant().plus(Duration.ofMillis((long) Math.ceil(ahead * 1000 / perSecond)));
	}

}
