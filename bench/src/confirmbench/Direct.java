package confirmbench;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The direct calls, the baseline the service is measured against: the AWS SDK with the
 * same client configuration as the service's CognitoConfiguration and CognitoClients
 * (defaults of confirm.cognito.*), so that the difference is the service's own work.
 */
final class Direct implements AutoCloseable {

	private final CognitoIdentityProviderClient sdk;

	Direct(String endpoint) {
		SdkHttpClient http = Apache5HttpClient.builder()
			.connectionTimeout(Duration.ofSeconds(2))
			.socketTimeout(Duration.ofSeconds(2))
			.maxConnections(50)
			.connectionAcquisitionTimeout(Duration.ofSeconds(2))
			.build();
		this.sdk = CognitoIdentityProviderClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
			.httpClient(http)
			.endpointOverride(URI.create(endpoint))
			.overrideConfiguration((c) -> c.apiCallTimeout(Duration.ofSeconds(5))
				.apiCallAttemptTimeout(Duration.ofSeconds(2))
				.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3).build()))
			.build();
	}

	/** One confirm call: AdminGetUser + AdminConfirmSignUp, as the service makes them. */
	Load.Call call() {
		return (caller, seq) -> {
			String username = "u" + seq;
			this.sdk.adminGetUser((r) -> r.userPoolId(Bench.POOL).username(username));
			this.sdk.adminConfirmSignUp((r) -> r.userPoolId(Bench.POOL).username(username));
		};
	}

	@Override
	public void close() {
		this.sdk.close();
	}

}
