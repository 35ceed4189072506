package com.acme.confirm.cognito;

import java.net.URI;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * AWS settings beyond Cognito's.
 *
 * @param stsEndpoint STS endpoint override (a VPC endpoint, tests) for pools with a
 * {@code role-arn} and for SourceIdentity sessions; unset uses the region's STS endpoint
 * @param sourceIdentity whether every pool's Cognito calls are signed with a session
 * whose SourceIdentity is the caller, unless the pool's own {@code source-identity} says
 * otherwise
 * @param sourceIdentityRoleArn the role assumed with the caller's SourceIdentity for
 * pools in the service's own account (pools without a {@code role-arn})
 */
@Validated
@ConfigurationProperties("confirm.aws")
record AwsProperties(@Nullable URI stsEndpoint, @DefaultValue("false") boolean sourceIdentity,
		@Nullable @Pattern(regexp = "arn:aws[\\w-]*:iam::\\d{12}:role/[\\w+=,.@/-]+") String sourceIdentityRoleArn) {
}
