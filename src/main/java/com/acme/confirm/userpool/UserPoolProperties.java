package com.acme.confirm.userpool;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The user pools this service manages, keyed by the alias shown to callers.
 *
 * @param userPools the managed pools; a pool that is not listed cannot be called
 */
@Validated
@ConfigurationProperties("confirm")
record UserPoolProperties(@DefaultValue Map<String, @Valid Pool> userPools) {

	/**
	 * One managed user pool.
	 *
	 * @param id the Cognito user pool id; its prefix names the AWS region
	 * @param requireReason whether adminConfirmSignUp must state a reason
	 * @param grants permissions on this pool, by role name
	 * @param appClients app clients that confirmSignUp may use, by alias
	 * @param roleArn IAM role to assume for this pool (a pool in another AWS account)
	 * @param sourceIdentity sign this pool's Cognito calls with a session whose
	 * SourceIdentity is the caller; unset follows {@code confirm.aws.source-identity}
	 * @param lookupAttributes attributes searched (ListUsers) when an identifier is not a
	 * username, such as {@code [email, phone_number]}; unset follows the pool's alias and
	 * username attributes (DescribeUserPool); empty turns the lookup off
	 */
	record Pool(@NotNull @Pattern(regexp = UserPools.POOL_ID_PATTERN) String id,
			@DefaultValue("false") boolean requireReason, @DefaultValue Map<String, Set<Permission>> grants,
			@DefaultValue Map<String, @Valid AppClient> appClients,
			@Nullable @Pattern(regexp = "arn:aws[\\w-]*:iam::\\d{12}:role/[\\w+=,.@/-]+") String roleArn,
			@Nullable Boolean sourceIdentity,
			@Nullable List<@Pattern(regexp = "[\\w:-]{1,32}") String> lookupAttributes) {
	}

}
