package com.acme.confirm.confirmation;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

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
record UserPoolSummary(@Schema(requiredMode = REQUIRED) String alias,
		@Schema(requiredMode = REQUIRED) String userPoolId, @Schema(requiredMode = REQUIRED) String region,
		@Schema(requiredMode = REQUIRED) boolean requireReason,
		@Schema(requiredMode = REQUIRED) List<String> permissions,
		@Schema(requiredMode = REQUIRED) List<String> operations,
		@Schema(requiredMode = REQUIRED) List<String> appClientIds) {

	/**
	 * The pools, by alias.
	 *
	 * @param userPools the pools the caller holds a grant on
	 */
	@Schema(name = "UserPoolList")
	record Page(@Schema(requiredMode = REQUIRED) List<UserPoolSummary> userPools) {
	}

}
