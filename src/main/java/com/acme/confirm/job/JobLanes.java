package com.acme.confirm.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

import com.acme.confirm.cognito.CognitoCall;
import com.acme.confirm.cognito.CognitoQueue;
import com.acme.confirm.cognito.JobBudget;
import com.acme.confirm.confirmation.JobItemConfirmation;
import com.acme.confirm.confirmation.JobItemResult;
import com.acme.confirm.correlation.CorrelationId;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.UserPools;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through one lane of a job: the items whose number modulo the job's lanes is the
 * lane's. A lane is one execution of the cluster's scheduler, so it runs on one replica
 * at a time, and when that replica dies the scheduler revives it elsewhere once its
 * heartbeats have stopped. Before it starts an item the lane reads the job's state (a
 * pause or a cancel takes effect at the next item on every replica) and takes the item's
 * token from the jobs' share of the budget. Up to {@code confirm.jobs.item-parallelism}
 * items of a lane are in flight at once, the lane's own thread being one of the workers;
 * a chunk's items all have their result before the lane reads the next chunk or ends. An
 * item found in flight, left by a replica that died during its attempt, is settled from
 * its audit event and Cognito's state before it is tried again, so that it is never
 * confirmed twice.
 */
@Component
class JobLanes {

	private static final Logger log = LoggerFactory.getLogger(JobLanes.class);

	/** Items read per query. */
	static final int CHUNK = 50;

	private static final List<CognitoCall> CALLS = List.of(CognitoCall.GET_USER, CognitoCall.ADMIN_CONFIRM_SIGN_UP);

	private final JobRepository jobs;

	private final JobItemRepository itemRows;

	private final TransactionTemplate transactions;

	private final JobItemConfirmation confirmation;

	private final JobBudget budget;

	private final CognitoQueue queue;

	private final UserPools userPools;

	private final JobProperties properties;

	private final JobMetrics metrics;

	private final Clock clock;

	private final Executor executor;

	JobLanes(JobRepository jobs, JobItemRepository itemRows, TransactionTemplate transactions,
			JobItemConfirmation confirmation, JobBudget budget, CognitoQueue queue, UserPools userPools,
			JobProperties properties, JobMetrics metrics, Clock clock,
			@Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor executor) {
		this.jobs = jobs;
		this.itemRows = itemRows;
		this.transactions = transactions;
		this.confirmation = confirmation;
		this.budget = budget;
		this.queue = queue;
		this.userPools = userPools;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
		this.executor = executor;
	}

	/** The scheduler's instance id of a job's lane. */
	static String instanceId(UUID jobId, int lane) {
		return jobId + ":" + lane;
	}

	/**
	 * Runs the lane for one slice.
	 * @param instanceId the lane's instance id
	 * @param context the scheduler's context, to stop when this replica shuts down
	 * @return when to run the lane again; {@code null} when it is done
	 */
	@Nullable Instant run(String instanceId, @Nullable ExecutionContext context) {
		int colon = instanceId.lastIndexOf(':');
		UUID jobId = UUID.fromString(instanceId.substring(0, colon));
		int lane = Integer.parseInt(instanceId.substring(colon + 1));
		Optional<JobRow> found = this.jobs.find(jobId);
		if (found.isEmpty() || found.get().state().isFinal()) {
			return null;
		}
		JobRow job = found.get();
		Instant now = this.clock.instant();
		if (job.state() == JobState.PAUSED) {
			return now.plus(this.properties.recheck());
		}
		this.jobs.start(jobId, now);
		String outer = MDC.get(CorrelationId.MDC_KEY);
		MDC.put(CorrelationId.MDC_KEY, job.correlationId());
		try {
			return work(job, lane, now.plus(this.properties.slice()), context);
		}
		finally {
			if (outer != null) {
				MDC.put(CorrelationId.MDC_KEY, outer);
			}
			else {
				MDC.remove(CorrelationId.MDC_KEY);
			}
		}
	}

	private @Nullable Instant work(JobRow job, int lane, Instant sliceEnd, @Nullable ExecutionContext context) {
		ManagedUserPool pool = this.userPools.find(job.userPoolId()).orElse(null);
		while (true) {
			List<JobItemRepository.ItemRow> items = this.itemRows.laneItems(job.id(), lane, CHUNK);
			if (items.isEmpty()) {
				if (!job.listed() && !this.jobs.find(job.id()).map(JobRow::listed).orElse(true)) {
					return this.clock.instant().plus(this.properties.recheck());
				}
				if (this.jobs.finishIfDone(job.id(), this.clock.instant())) {
					log.info("Confirmation job {} is done", job.id());
				}
				return null;
			}
			Optional<LaneRun.Stop> stop = new LaneRun(items, (item) -> step(job, pool, item, sliceEnd, context))
				.run(this.executor, this.properties.itemParallelism());
			if (stop.isPresent()) {
				return stop.get().runAgainAt();
			}
		}
	}

	/** Starts one item, unless the lane is to stop first. */
	private Optional<LaneRun.Stop> step(JobRow job, @Nullable ManagedUserPool pool, JobItemRepository.ItemRow item,
			Instant sliceEnd, @Nullable ExecutionContext context) {
		JobState state = this.jobs.state(job.id()).orElse(JobState.CANCELLED);
		if (state.isFinal()) {
			return Optional.of(new LaneRun.Stop(null));
		}
		Instant now = this.clock.instant();
		if (state == JobState.PAUSED) {
			return Optional.of(new LaneRun.Stop(now.plus(this.properties.recheck())));
		}
		if (now.isAfter(sliceEnd) || (context != null && context.getSchedulerState().isShuttingDown())) {
			return Optional.of(new LaneRun.Stop(now));
		}
		if (pool != null && !this.budget.takeItem(pool, this.properties.budgetShare(),
				Duration.between(now, sliceEnd).plusMillis(1))) {
			return Optional.of(new LaneRun.Stop(this.clock.instant()));
		}
		if (!attempt(job, item)) {
			return Optional.of(new LaneRun.Stop(this.clock.instant().plus(this.properties.backoff())));
		}
		return LaneRun.GO_ON;
	}

	/**
	 * Attempts one item.
	 * @return false when it could not be attempted now and waits for later
	 */
	private boolean attempt(JobRow job, JobItemRepository.ItemRow item) {
		String instance = "/api/v1/confirmation-jobs/" + job.id() + "/items";
		if (job.dryRun()) {
			return record(job, item,
					this.confirmation.dryRun(job.userPoolId(), item.username(), job.markEmailVerified(), instance));
		}
		UUID interrupted = item.attemptId();
		if (item.inFlight() && interrupted != null) {
			Optional<JobItemResult> resolved = this.confirmation.resolveInterrupted(interrupted, instance);
			if (resolved.isPresent()) {
				log.info("Item {} of confirmation job {} was interrupted; settled from Cognito's state", item.seq(),
						job.id());
				return record(job, item, resolved.get());
			}
		}
		UUID attemptId = UUID.randomUUID();
		this.itemRows.markInFlight(job.id(), item.seq(), attemptId);
		Instant deadline = this.clock.instant().plus(this.queue.timeFor(1, CALLS));
		JobItemResult result = this.queue.until(deadline,
				() -> this.confirmation.confirm(job.itemContext(), item.username(), attemptId, instance));
		return record(job, item, result);
	}

	private boolean record(JobRow job, JobItemRepository.ItemRow item, JobItemResult result) {
		if (result.retry()) {
			this.metrics.deferred();
			return false;
		}
		ItemOutcome outcome = (result.outcome() != null) ? ItemOutcome.valueOf(result.outcome()) : ItemOutcome.FAILED;
		Boolean recorded = this.transactions.execute((status) -> this.itemRows.complete(job.id(), item.seq(), outcome,
				result.problem(), result.auditEventId(), this.clock.instant()));
		if (Boolean.TRUE.equals(recorded)) {
			this.metrics.item(outcome);
		}
		return true;
	}

}
