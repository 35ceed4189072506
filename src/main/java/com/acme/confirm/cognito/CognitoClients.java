package com.acme.confirm.cognito;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.acme.confirm.userpool.ManagedUserPool;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One Cognito client per AWS region and role: the region is the pool id's prefix
 * ({@code eu-west-1_AbCdEf123}); a pool with a {@code role-arn} is called with that
 * role's credentials, assumed through STS on top of the default chain and refreshed
 * before they expire.
 */
final class CognitoClients implements AutoCloseable {

	private static final String SESSION_NAME = "cognito-confirm-service";

	private final Map<Key, CognitoIdentityProviderClient> clients = new ConcurrentHashMap<>();

	private final List<SdkAutoCloseable> assumedRoles = new ArrayList<>();

	private final CognitoProperties properties;

	private final AwsProperties aws;

	private final SdkHttpClient httpClient;

	private final AwsCredentialsProvider credentials;

	private final CognitoBudget budget;

	CognitoClients(CognitoProperties properties, AwsProperties aws, SdkHttpClient httpClient,
			AwsCredentialsProvider credentials, CognitoBudget budget) {
		this.properties = properties;
		this.budget = budget;
		this.aws = aws;
		this.httpClient = httpClient;
		this.credentials = credentials;
	}

	CognitoIdentityProviderClient forPool(ManagedUserPool pool) {
		return this.clients.computeIfAbsent(new Key(Region.of(pool.region()), pool.roleArn()), this::create);
	}

	private CognitoIdentityProviderClient create(Key key) {
		CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
			.region(key.region())
			.credentialsProvider((key.roleArn() != null) ? assume(key.region(), key.roleArn()) : this.credentials)
			.httpClient(this.httpClient)
			.overrideConfiguration((configuration) -> configuration.addExecutionInterceptor(this.budget)
				.apiCallTimeout(this.properties.apiCallTimeout())
				.apiCallAttemptTimeout(this.properties.apiCallAttemptTimeout())
				.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
					.toBuilder()
					.maxAttempts(this.properties.maxAttempts())
					.build()));
		if (this.properties.endpoint() != null) {
			builder.endpointOverride(this.properties.endpoint());
		}
		return builder.build();
	}

	private synchronized AwsCredentialsProvider assume(Region region, String roleArn) {
		StsClientBuilder sts = StsClient.builder()
			.region(region)
			.credentialsProvider(this.credentials)
			.httpClient(this.httpClient);
		if (this.aws.stsEndpoint() != null) {
			sts.endpointOverride(this.aws.stsEndpoint());
		}
		StsClient client = sts.build();
		StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
			.stsClient(client)
			.refreshRequest((request) -> request.roleArn(roleArn).roleSessionName(SESSION_NAME))
			.build();
		this.assumedRoles.add(provider);
		this.assumedRoles.add(client);
		return provider;
	}

	@Override
	public void close() {
		this.clients.values().forEach(CognitoIdentityProviderClient::close);
		this.assumedRoles.forEach(SdkAutoCloseable::close);
	}

	private record Key(Region region, @Nullable String roleArn) {
	}

}
