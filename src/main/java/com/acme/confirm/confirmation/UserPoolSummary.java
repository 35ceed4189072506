package com.acme.confirm.confirmation;

import java.util.List;

/**
 * A pool the caller holds a grant on, and what it may do there.
 *
 * @param alias the pool's name in this service
 * @param userPoolId the Cognito user pool id
 * @param region the pool's AWS region
 * @param requireReason whether adminConfirmSignUp needs a reason
 * @param permissions the caller's permissions on the pool
 * @param operations the operationIds the caller may call on the pool
 * @param appClientIds app clients confirmSignUp may use
 */
record UserPoolSummary(String alias, String userPoolId, String region, boolean requireReason, List<String> permissions,
		List<String> operations, List<String> appClientIds) {

	/**
	 * The pools, by alias.
	 *
	 * @param userPools the pools the caller holds a grant on
	 */
	record Page(List<UserPoolSummary> userPools) {
	}

}
