package com.acme.confirm.cognito;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import com.acme.confirm.userpool.ManagedUserPool;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminConfirmSignUpRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AnalyticsMetadataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminUpdateUserAttributesRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmSignUpRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserContextDataType;

import org.springframework.stereotype.Component;

/**
 * The Cognito operations through the AWS SDK, each call through its region's and role's
 * circuit breaker, within the budget of its quota category, and timed. Every SDK failure
 * leaves as a {@link CognitoFailure}. Past 200 lines on purpose: the four operations and
 * the one path every call takes (breaker, first token, timer, translation) read best side
 * by side, and apart the path would be a class that only this one calls.
 */
@Component
class SdkCognitoOperations implements CognitoOperations {

	private static final Logger log = LoggerFactory.getLogger(SdkCognitoOperations.class);

	private static final String EMAIL = "email";

	private static final String EMAIL_VERIFIED = "email_verified";

	private final CognitoClients clients;

	private final CognitoCircuitBreakers circuitBreakers;

	private final CognitoBudget budget;

	private final MeterRegistry meterRegistry;

	SdkCognitoOperations(CognitoClients clients, CognitoCircuitBreakers circuitBreakers, CognitoBudget budget,
			MeterRegistry meterRegistry) {
		this.clients = clients;
		this.circuitBreakers = circuitBreakers;
		this.budget = budget;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * AdminGetUser: the user's status. The username may be an alias or the sub.
	 */
	@Override
	public CognitoUser getUser(ManagedUserPool pool, String username) {
		return CognitoUsers.of(call("AdminGetUser", pool,
				AdminGetUserRequest.builder().userPoolId(pool.id()).username(username).build(),
				CognitoIdentityProviderClient::adminGetUser));
	}

	/**
	 * ListUsers, one page, within the service's share of Cognito's UserList rate.
	 */
	@Override
	public CognitoUserPage listUsers(ManagedUserPool pool, @Nullable UserFilter filter,
			@Nullable String paginationToken, int limit) {
		ListUsersResponse page = call("ListUsers", pool,
				ListUsersRequest.builder()
					.userPoolId(pool.id())
					.filter((filter != null) ? filter.expression() : null)
					.paginationToken(paginationToken)
					.limit(Math.max(1, Math.min(limit, 60)))
					.build(),
				CognitoIdentityProviderClient::listUsers);
		String requestId = requestId(page);
		return new CognitoUserPage(page.users().stream().map((user) -> CognitoUsers.of(user, requestId)).toList(),
				page.paginationToken());
	}

	/**
	 * AdminConfirmSignUp, within the service's share of Cognito's UserCreation rate.
	 * @return Cognito's request id
	 */
	@Override
	public @Nullable String adminConfirmSignUp(ManagedUserPool pool, String username,
			Map<String, String> clientMetadata) {
		return requestId(call("AdminConfirmSignUp", pool,
				AdminConfirmSignUpRequest.builder()
					.userPoolId(pool.id())
					.username(username)
					.clientMetadata(clientMetadata.isEmpty() ? null : clientMetadata)
					.build(),
				CognitoIdentityProviderClient::adminConfirmSignUp));
	}

	/**
	 * AdminUpdateUserAttributes with {@code email_verified=true}: AdminConfirmSignUp
	 * alone leaves it false, which later breaks password recovery. The current email goes
	 * along, as Cognito documents for verifying an address in the same request without a
	 * code.
	 * @return Cognito's request id
	 */
	@Override
	public @Nullable String markEmailVerified(ManagedUserPool pool, String username, String email) {
		return requestId(call("AdminUpdateUserAttributes", pool,
				AdminUpdateUserAttributesRequest.builder()
					.userPoolId(pool.id())
					.username(username)
					.userAttributes(AttributeType.builder().name(EMAIL).value(email).build(),
							AttributeType.builder().name(EMAIL_VERIFIED).value("true").build())
					.build(),
				CognitoIdentityProviderClient::adminUpdateUserAttributes));
	}

	/**
	 * ConfirmSignUp, with the SecretHash computed here when the client has a secret,
	 * within the service's share of Cognito's UserCreation rate.
	 * @return Cognito's request id
	 */
	@Override
	public @Nullable String confirmSignUp(ConfirmSignUpCall call) {
		ConfirmSignUpRequest.Builder request = ConfirmSignUpRequest.builder()
			.clientId(call.clientId())
			.username(call.username())
			.confirmationCode(call.confirmationCode())
			.forceAliasCreation(call.forceAliasCreation());
		if (call.clientSecret() != null) {
			request.secretHash(SecretHash.of(call.clientSecret(), call.username(), call.clientId()));
		}
		if (!call.clientMetadata().isEmpty()) {
			request.clientMetadata(call.clientMetadata());
		}
		if (call.ipAddress() != null || call.encodedData() != null) {
			request.userContextData(
					UserContextDataType.builder().ipAddress(call.ipAddress()).encodedData(call.encodedData()).build());
		}
		if (call.analyticsEndpointId() != null) {
			request.analyticsMetadata(
					AnalyticsMetadataType.builder().analyticsEndpointId(call.analyticsEndpointId()).build());
		}
		return requestId(
				call("ConfirmSignUp", call.pool(), request.build(), CognitoIdentityProviderClient::confirmSignUp));
	}

	/**
	 * Makes the call: not at all while the pool's circuit is open (Cognito has been
	 * failing there; calls are answered COGNITO_UNAVAILABLE at once instead of piling up
	 * threads), else once its first attempt has its token from the budget, through the
	 * circuit breaker. The call's time is measured from then on (the wait for the token
	 * is {@code confirm.cognito.budget.wait}); a call the budget refused is recorded with
	 * its wait.
	 */
	private <Q extends CognitoIdentityProviderRequest, R extends AwsResponse> R call(String operation,
			ManagedUserPool pool, Q request, BiFunction<CognitoIdentityProviderClient, Q, R> sdk) {
		CircuitBreaker circuitBreaker = this.circuitBreakers.forPool(pool);
		Timer.Sample sample = Timer.start(this.meterRegistry);
		String error = "none";
		try {
			if (isOpen(circuitBreaker)) {
				// no queueing for a token that the call could not use
				throw CallNotPermittedException.createCallNotPermittedException(circuitBreaker);
			}
			Q paid = firstAttemptPaid(request, pool);
			sample = Timer.start(this.meterRegistry);
			return circuitBreaker
				.executeSupplier(() -> translated(operation, pool, () -> sdk.apply(this.clients.forPool(pool), paid)));
		}
		catch (CallNotPermittedException ex) {
			error = "CIRCUIT_OPEN";
			throw new CognitoFailure(CognitoFailure.Kind.CIRCUIT_OPEN,
					"Cognito has been failing; calls are suspended for a while (open circuit).", null, null,
					CognitoCircuitBreakers.openWait(circuitBreaker), 0, ex);
		}
		catch (CognitoFailure ex) {
			error = (ex.cognitoError() != null) ? ex.cognitoError() : errorTag(ex.kind());
			throw ex;
		}
		finally {
			sample.stop(Timer.builder("confirm.cognito.calls")
				.description("Calls to Cognito, retries included, by operation and Cognito error")
				.tag("operation", operation)
				.tag("error", error)
				.publishPercentileHistogram()
				.register(this.meterRegistry));
		}
	}

	/**
	 * Waits for the first attempt's token and marks the request so that the budget's
	 * interceptor takes none for that attempt.
	 */
	@SuppressWarnings("unchecked") // toBuilder().build() is of the request's own type
	private <Q extends CognitoIdentityProviderRequest> Q firstAttemptPaid(Q request, ManagedUserPool pool) {
		QuotaCategory category = QuotaCategory.of(request);
		if (category == null) {
			return request;
		}
		return (Q) request.toBuilder()
			.overrideConfiguration(this.budget.awaitFirstAttempt(category, Region.of(pool.region())))
			.build();
	}

	private static boolean isOpen(CircuitBreaker circuitBreaker) {
		CircuitBreaker.State state = circuitBreaker.getState();
		return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
	}

	private static <R extends AwsResponse> R translated(String operation, ManagedUserPool pool, Supplier<R> call) {
		try {
			return call.get();
		}
		catch (SdkException | CancellationException ex) {
			CognitoFailure translated = CognitoErrors.translate(ex);
			// Cognito's message is left out: it can quote what the caller sent.
			log.info("Cognito {} on {} failed: {} (cognitoError={}, requestId={})", operation, pool.id(),
					translated.kind(), translated.cognitoError(), translated.requestId());
			throw translated;
		}
	}

	/** The metric's error tag for a failure without Cognito's error code. */
	private static String errorTag(CognitoFailure.Kind kind) {
		return switch (kind) {
			case TIMEOUT -> "COGNITO_TIMEOUT";
			case UNAVAILABLE -> "COGNITO_UNAVAILABLE";
			case BUDGET_EXHAUSTED -> "THROTTLED";
			default -> kind.name();
		};
	}

	private static @Nullable String requestId(AwsResponse response) {
		return response.responseMetadata().requestId();
	}

}
