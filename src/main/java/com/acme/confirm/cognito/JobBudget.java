package com.acme.confirm.cognito;

import java.time.Duration;

import com.acme.confirm.userpool.ManagedUserPool;
import software.amazon.awssdk.regions.Region;

import org.springframework.stereotype.Component;

/**
 * The confirmation jobs' part of the UserCreation budget: a bucket of its own, shared by
 * all jobs on all replicas like the budget itself, refilled at a share of the rate. A job
 * item takes a token from it before its Cognito calls take theirs from the budget, so
 * that jobs together use at most that share and interactive confirmations always find the
 * rest. Jobs waiting on one bucket are served in the order they asked, which shares it
 * fairly between them.
 */
@Component
public final class JobBudget {

	private final CognitoBudget budget;

	private final CognitoProperties properties;

	JobBudget(CognitoBudget budget, CognitoProperties properties) {
		this.budget = budget;
		this.properties = properties;
	}

	/**
	 * Takes the token of one job item in the pool's region.
	 * @param pool the pool the item is in
	 * @param share the largest share of the UserCreation budget that jobs may use
	 * @param maxWait how long to wait for it
	 * @return whether it was taken; if not, the item must wait
	 */
	public boolean takeItem(ManagedUserPool pool, double share, Duration maxWait) {
		return this.budget.tryTakeJobs(QuotaCategory.USER_CREATION, Region.of(pool.region()), share, maxWait);
	}

	/**
	 * The most job items per second that the share allows in one region, all jobs
	 * together.
	 * @param share the jobs' share of the UserCreation budget
	 * @return items per second
	 */
	public double itemsPerSecond(double share) {
		return this.properties.requestsPerSecond(QuotaCategory.USER_CREATION) * share * BudgetBuckets.JITTER_MARGIN;
	}

}
