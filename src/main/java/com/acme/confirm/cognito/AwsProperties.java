package com.acme.confirm.cognito;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * AWS settings beyond Cognito's.
 *
 * @param stsEndpoint STS endpoint override (a VPC endpoint, tests) for pools with a
 * {@code role-arn}; unset uses the region's STS endpoint
 */
@Validated
@ConfigurationProperties("confirm.aws")
record AwsProperties(@Nullable URI stsEndpoint) {
}
