package com.acme.confirm.job;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.acme.confirm.cognito.CognitoFailure;
import com.acme.confirm.cognito.CognitoOperations;
import com.acme.confirm.cognito.CognitoUser;
import com.acme.confirm.cognito.CognitoUserPage;
import com.acme.confirm.cognito.UserFilter;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.UserPools;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists the users a query job selects, page by page with Cognito ListUsers (paced by the
 * UserList budget), as one execution of the cluster's scheduler per job. Each page's
 * users and the token of the next page are stored in one transaction, so that a replica
 * taking over after a crash goes on from the last stored page, and a page listed twice
 * adds nobody twice. Cognito applies one filter: the attribute prefix when one is given,
 * else the status; the status and the creation window are applied here.
 */
@Component
class JobListing {

	private static final Logger log = LoggerFactory.getLogger(JobListing.class);

	/** Cognito's largest ListUsers page. */
	static final int PAGE = 60;

	private static final String STATUS_ATTRIBUTE = "cognito:user_status";

	private static final Set<CognitoFailure.Kind> TRANSIENT = EnumSet.of(CognitoFailure.Kind.THROTTLED,
			CognitoFailure.Kind.BUDGET_EXHAUSTED, CognitoFailure.Kind.UNAVAILABLE, CognitoFailure.Kind.CIRCUIT_OPEN,
			CognitoFailure.Kind.TIMEOUT);

	private final JobRepository jobs;

	private final JobItemRepository itemRows;

	private final TransactionTemplate transactions;

	private final CognitoOperations cognito;

	private final UserPools userPools;

	private final JobProperties properties;

	private final Clock clock;

	JobListing(JobRepository jobs, JobItemRepository itemRows, TransactionTemplate transactions,
			CognitoOperations cognito, UserPools userPools, JobProperties properties, Clock clock) {
		this.jobs = jobs;
		this.itemRows = itemRows;
		this.transactions = transactions;
		this.cognito = cognito;
		this.userPools = userPools;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Lists pages for one slice.
	 * @param jobId the job
	 * @return when to go on; {@code null} when every page is in or the job ended
	 */
	@Nullable Instant run(UUID jobId) {
		Instant sliceEnd = this.clock.instant().plus(this.properties.slice());
		while (true) {
			Optional<JobRow> found = this.jobs.find(jobId);
			if (found.isEmpty() || found.get().state().isFinal() || found.get().listed()) {
				return null;
			}
			JobRow job = found.get();
			if (job.state() == JobState.PAUSED) {
				return this.clock.instant().plus(this.properties.recheck());
			}
			if (this.clock.instant().isAfter(sliceEnd)) {
				return this.clock.instant();
			}
			Optional<ManagedUserPool> pool = this.userPools.find(job.userPoolId());
			CreateConfirmationJobRequest.JobQuery query = job.query();
			if (pool.isEmpty() || query == null) {
				fail(job, "its pool is no longer managed here");
				return null;
			}
			CognitoUserPage page;
			try {
				page = this.cognito.listUsers(pool.get(), filter(query), job.listingToken(), PAGE);
			}
			catch (CognitoFailure ex) {
				if (TRANSIENT.contains(ex.kind())) {
					return this.clock.instant().plus(this.properties.backoff());
				}
				fail(job, "Cognito refused to list its users (" + ex.kind() + ")");
				return null;
			}
			List<String> selected = page.users()
				.stream()
				.filter((user) -> selects(query, user))
				.map(CognitoUser::username)
				.toList();
			this.transactions.executeWithoutResult((status) -> {
				this.itemRows.insertListedItems(jobId, job.lanes(), selected);
				this.jobs.listingProgress(jobId, page.paginationToken());
			});
			if (page.isLast()) {
				log.info("Confirmation job {}: every page of its query is listed", jobId);
				return null;
			}
		}
	}

	private void fail(JobRow job, String why) {
		log.warn("Confirmation job {} failed: {}", job.id(), why);
		this.jobs.transition(job.id(), List.of(JobState.QUEUED, JobState.RUNNING, JobState.PAUSED), JobState.FAILED,
				this.clock.instant());
	}

	static UserFilter filter(CreateConfirmationJobRequest.JobQuery query) {
		CreateConfirmationJobRequest.AttributePrefix attribute = query.attribute();
		if (attribute != null) {
			return UserFilter.startsWith(attribute.name(), attribute.prefix());
		}
		return UserFilter.equalTo(STATUS_ATTRIBUTE, query.statusOrDefault());
	}

	/**
	 * Whether the user is one the query selects: its status, and created in the window.
	 */
	static boolean selects(CreateConfirmationJobRequest.JobQuery query, CognitoUser user) {
		if (!query.statusOrDefault().equals(user.status())) {
			return false;
		}
		Instant created = user.createdAt();
		if (query.createdAfter() != null && (created == null || created.isBefore(query.createdAfter()))) {
			return false;
		}
		return query.createdBefore() == null || (created != null && created.isBefore(query.createdBefore()));
	}

}
