package com.acme.confirm.cognito;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.UserPools;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The STS sessions that sign the Cognito calls of pools with {@code source-identity}: the
 * pool's {@code role-arn} (or {@code confirm.aws.source-identity-role-arn} for a pool in
 * the service's own account) assumed straight from the default chain's credentials with
 * SourceIdentity and session name set to the caller's mapped subject. Assuming the pool's
 * role directly, not through the service's cross-account session, keeps it one hop: STS
 * would otherwise require every later hop to repeat the first hop's SourceIdentity.
 * <p>
 * One SDK provider per caller and role caches its session until shortly before it expires
 * (the SDK refreshes it then), so a busy caller costs one AssumeRole an hour. The
 * providers live in a Caffeine cache bounded in size and dropped after two idle hours, so
 * that a fleet of callers cannot grow it without bound; a provider holds no thread or
 * connection of its own (the STS clients are shared per region), so one dropped needs no
 * closing.
 */
final class SourceIdentitySessions implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SourceIdentitySessions.class);

	private static final int MAX_SESSIONS = 10_000;

	private static final Duration IDLE = Duration.ofHours(2);

	private final Cache<Key, StsAssumeRoleCredentialsProvider> sessions = Caffeine.newBuilder()
		.maximumSize(MAX_SESSIONS)
		.expireAfterAccess(IDLE)
		.build();

	private final Map<Region, StsClient> stsClients = new ConcurrentHashMap<>();

	private final AwsProperties aws;

	private final SourceIdentities identities;

	private final SdkHttpClient httpClient;

	private final AwsCredentialsProvider credentials;

	SourceIdentitySessions(AwsProperties aws, SourceIdentities identities, SdkHttpClient httpClient,
			AwsCredentialsProvider credentials, UserPools pools) {
		this.aws = aws;
		this.identities = identities;
		this.httpClient = httpClient;
		this.credentials = credentials;
		pools.all().forEach(this::requireRole);
	}

	/**
	 * The credentials of the session that signs this pool's calls for the work on this
	 * thread, resolved now; {@code null} when the pool's calls are signed by the client's
	 * own credentials.
	 * @throws CognitoFailure SOURCE_IDENTITY_UNAVAILABLE when STS refused or could not be
	 * reached: the call is then not made at all, never under the service's bare role
	 */
	@Nullable AwsCredentialsProvider credentialsFor(ManagedUserPool pool) {
		if (!this.identities.signs(pool)) {
			return null;
		}
		String identity = SourceIdentities.current();
		String roleArn = requireRole(pool);
		StsAssumeRoleCredentialsProvider session = this.sessions.get(new Key(identity, roleArn),
				(key) -> assume(Region.of(pool.region()), key));
		try {
			return StaticCredentialsProvider.create(session.resolveCredentials());
		}
		catch (SdkException ex) {
			String error = (ex instanceof AwsServiceException sts) ? sts.awsErrorDetails().errorCode() : null;
			log.warn("STS AssumeRole of {} with SourceIdentity {} failed: {} ({})", roleArn, identity,
					ex.getClass().getSimpleName(), error);
			throw new CognitoFailure(CognitoFailure.Kind.SOURCE_IDENTITY_UNAVAILABLE,
					(error != null)
							? "STS refused the session that names the caller in CloudTrail (" + error
									+ "); Cognito was not called."
							: "STS could not be reached for the session that names the caller in CloudTrail; "
									+ "Cognito was not called.",
					null, null, null, 0, ex);
		}
	}

	private String requireRole(ManagedUserPool pool) {
		String roleArn = (pool.roleArn() != null) ? pool.roleArn() : this.aws.sourceIdentityRoleArn();
		if (this.identities.signs(pool) && roleArn == null) {
			throw new IllegalStateException("confirm.user-pools." + pool.alias()
					+ ".source-identity: the pool's calls are to carry the caller's SourceIdentity, but it has no "
					+ "role-arn and confirm.aws.source-identity-role-arn is not set");
		}
		return String.valueOf(roleArn);
	}

	private StsAssumeRoleCredentialsProvider assume(Region region, Key key) {
		StsClient sts = this.stsClients.computeIfAbsent(region, this::stsClient);
		return StsAssumeRoleCredentialsProvider.builder()
			.stsClient(sts)
			.refreshRequest((request) -> request.roleArn(key.roleArn())
				.roleSessionName(key.identity())
				.sourceIdentity(key.identity()))
			.build();
	}

	private StsClient stsClient(Region region) {
		StsClientBuilder sts = StsClient.builder()
			.region(region)
			.credentialsProvider(this.credentials)
			.httpClient(this.httpClient);
		if (this.aws.stsEndpoint() != null) {
			sts.endpointOverride(this.aws.stsEndpoint());
		}
		return sts.build();
	}

	@Override
	public void close() {
		this.sessions.asMap().values().forEach(StsAssumeRoleCredentialsProvider::close);
		this.stsClients.values().forEach(StsClient::close);
	}

	private record Key(String identity, String roleArn) {
	}

}
