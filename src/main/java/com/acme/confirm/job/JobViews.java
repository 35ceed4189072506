package com.acme.confirm.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.acme.confirm.cognito.JobBudget;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A job as callers see it, with its progress and an estimate of when it ends: its
 * remaining items at the jobs' share of the budget, split evenly between the jobs queued
 * or running now.
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

	private @Nullable Instant estimatedCompletion(JobRow job, @Nullable Long remaining) {
		if (remaining == null || (job.state() != JobState.QUEUED && job.state() != JobState.RUNNING)) {
			return null;
		}
		double perSecond = this.budget.itemsPerSecond(this.properties.budgetShare())
				/ Math.max(1, this.jobs.countActive());
		return this.clock.instant().plus(Duration.ofMillis((long) Math.ceil(remaining * 1000 / perSecond)));
	}

}
