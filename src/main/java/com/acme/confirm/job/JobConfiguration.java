package com.acme.confirm.job;

import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The jobs' tasks on the cluster's scheduler: a job's lanes and its listing are
 * executions that run on one replica at a time and are revived on another when that
 * replica's heartbeats stop ({@code confirm.scheduler.heartbeat-interval} ×
 * {@code missed-heartbeats-limit}, a minute by default); the sweep is a recurring task.
 * And the gate that refuses a job's creator without BULK_CONFIRM before its body is read.
 */
@Configuration(proxyBeanMethods = false)
class JobConfiguration {

	@Bean
	CustomTask<Void> confirmationJobLaneTask(JobLanes lanes, JobProperties properties) {
		return Tasks.custom(JobScheduling.LANE_TASK, Void.class)
			.onFailureReschedule(FixedDelay.of(properties.backoff()))
			.onDeadExecutionRevive()
			.execute((instance, context) -> next(lanes.run(instance.getId(), context)));
	}

	@Bean
	CustomTask<Void> confirmationJobListingTask(JobListing listing, JobProperties properties) {
		return Tasks.custom(JobScheduling.LISTING_TASK, Void.class)
			.onFailureReschedule(FixedDelay.of(properties.backoff()))
			.onDeadExecutionRevive()
			.execute((instance, context) -> next(listing.run(JobScheduling.listingJob(instance.getId()))));
	}

	@Bean
	RecurringTask<Void> confirmationJobSweepTask(JobSweep sweep, JobProperties properties) {
		return Tasks.recurring("confirmation-job-sweep", FixedDelay.of(properties.sweepInterval()))
			.execute((instance, context) -> sweep.run());
	}

	@Bean
	WebMvcConfigurer jobCreationGateRegistration(JobCreationGate gate) {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(gate).addPathPatterns(JobCreationGate.PATH);
			}

		};
	}

	private static CompletionHandler<Void> next(@Nullable Instant when) {
		if (when == null) {
			return (complete, operations) -> operations.remove();
		}
		return (complete, operations) -> operations.reschedule(complete, when);
	}

}
