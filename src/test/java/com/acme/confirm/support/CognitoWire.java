package com.acme.confirm.support;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock in front of the emulator: by default every request is passed on to
 * cognito-local; a test adds the faults the emulator cannot produce, answered in
 * Cognito's own wire format. The journal shows what the service really sent.
 */
public final class CognitoWire {

	public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

	private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";

	private static final String ASSUME_ROLE = """
			<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
			  <AssumeRoleResult>
			    <Credentials>
			      <AccessKeyId>%s</AccessKeyId>
			      <SecretAccessKey>assumed-secret-key</SecretAccessKey>
			      <SessionToken>assumed-session-token</SessionToken>
			      <Expiration>2099-01-01T00:00:00Z</Expiration>
			    </Credentials>
			    <AssumedRoleUser>
			      <AssumedRoleId>AROATESTROLE:cognito-confirm-service</AssumedRoleId>
			      <Arn>arn:aws:sts::123456789012:assumed-role/cognito-confirm/cognito-confirm-service</Arn>
			    </AssumedRoleUser>
			  </AssumeRoleResult>
			  <ResponseMetadata>
			    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
			  </ResponseMetadata>
			</AssumeRoleResponse>
			""".formatted(TestPools.ASSUMED_KEY_ID);

	private static volatile CognitoWire instance;

	private final WireMockServer server;

	private final CognitoRateLimit rateLimit;

	private CognitoWire(WireMockServer server, CognitoRateLimit rateLimit) {
		this.server = server;
		this.rateLimit = rateLimit;
	}

	public static CognitoWire get() {
		if (instance == null) {
			synchronized (CognitoWire.class) {
				if (instance == null) {
					CognitoRateLimit rateLimit = new CognitoRateLimit();
					WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
						.dynamicPort()
						.containerThreads(250)
						.extensions(new SecretHashCheck(), rateLimit));
					server.start();
					Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
					instance = new CognitoWire(server, rateLimit);
					instance.reset();
				}
			}
		}
		return instance;
	}

	public String endpoint() {
		return this.server.baseUrl();
	}

	/** Removes every test fault and forgets every request, keeping the pass-through. */
	public void reset() {
		this.server.resetAll();
		this.server.stubFor(any(anyUrl()).atPriority(100)
			.willReturn(aResponse().proxiedFrom(CognitoLocal.get().endpoint().toString())));
		// STS for pools in other accounts, in STS's own XML.
		this.server.stubFor(post(urlEqualTo("/")).atPriority(40)
			.withRequestBody(containing("Action=AssumeRole"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(ASSUME_ROLE)));
		// Cognito checks SecretHash; the emulator does not.
		this.server.stubFor(post(urlEqualTo("/")).atPriority(50)
			.andMatching(SecretHashCheck.NAME)
			.willReturn(error(400, "NotAuthorizedException", "Unable to verify secret hash for client")));
	}

	/** Answers this operation for this username with a Cognito error. */
	public void fail(String operation, String username, int status, String errorType) {
		on(operation, username, error(status, errorType, "Injected by the test"));
	}

	/** Answers this operation for this username as given. */
	public void on(String operation, String username, ResponseDefinitionBuilder response) {
		this.server.stubFor(operation(operation).withRequestBody(matchingJsonPath("$.Username", equalTo(username)))
			.atPriority(1)
			.willReturn(response));
	}

	/**
	 * Answers every Cognito call signed for this region with this error, whatever its
	 * operation or user: the region's Cognito is down.
	 */
	public void failRegion(String region, int status, String errorType) {
		this.server.stubFor(post(urlEqualTo("/")).atPriority(2)
			.withHeader("X-Amz-Target", containing(TARGET_PREFIX))
			.withHeader("Authorization", containing("/" + region + "/cognito-idp/"))
			.willReturn(error(status, errorType, "Injected by the test")));
	}

	/** Answers this operation for every username as given. */
	public void onAny(String operation, ResponseDefinitionBuilder response) {
		this.server.stubFor(operation(operation).atPriority(5).willReturn(response));
	}

	/**
	 * Answers only the first such call as given; later ones pass through to the emulator.
	 */
	public void onFirst(String operation, String username, ResponseDefinitionBuilder response) {
		String scenario = operation + ":" + username;
		this.server.stubFor(operation(operation).withRequestBody(matchingJsonPath("$.Username", equalTo(username)))
			.atPriority(1)
			.inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("answered")
			.willReturn(response));
	}

	/**
	 * Answers every such call after the first (see {@link #onFirst}) as given.
	 */
	public void afterFirst(String operation, String username, ResponseDefinitionBuilder response) {
		this.server.stubFor(operation(operation).withRequestBody(matchingJsonPath("$.Username", equalTo(username)))
			.atPriority(1)
			.inScenario(operation + ":" + username)
			.whenScenarioStateIs("answered")
			.willReturn(response));
	}

	/**
	 * Enforces Cognito's quota on this operation: at most {@code requests} within any
	 * {@code window}, the rest answered TooManyRequestsException, the requests within it
	 * as given.
	 * @return the quota, to ask how often it throttled
	 */
	public CognitoRateLimit limitRate(String operation, int requests, Duration window,
			ResponseDefinitionBuilder within) {
		this.rateLimit.limit(requests, window);
		this.server
			.stubFor(operation(operation).atPriority(5).willReturn(within.withTransformers(CognitoRateLimit.NAME)));
		return this.rateLimit;
	}

	/**
	 * Answers one page of ListUsers as real Cognito pages it: the call that carries this
	 * PaginationToken ({@code null}: the first call, which carries none) gets this page.
	 * cognito-local answers every ListUsers with all matching users at once, ignoring
	 * Limit and PaginationToken.
	 */
	public void onListUsersPage(@Nullable String paginationToken, ResponseDefinitionBuilder page) {
		MappingBuilder call = operation("ListUsers").atPriority(3);
		this.server.stubFor(((paginationToken == null) ? call.withRequestBody(notContaining("\"PaginationToken\""))
				: call.withRequestBody(matchingJsonPath("$.PaginationToken", equalTo(paginationToken))))
			.willReturn(page));
	}

	/** Breaks the connection for this operation and username. */
	public void reset(String operation, String username) {
		on(operation, username, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
	}

	/** The STS AssumeRole calls the service made. */
	public List<LoggedRequest> assumeRoleRequests() {
		return this.server.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")));
	}

	public List<LoggedRequest> requests(String operation) {
		return this.server
			.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation)));
	}

	public List<LoggedRequest> requests(String operation, String username) {
		return this.server
			.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation))
				.withRequestBody(matchingJsonPath("$.Username", equalTo(username))));
	}

	public static ResponseDefinitionBuilder error(int status, String type, String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", CONTENT_TYPE)
			.withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
			.withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
	}

	public static ResponseDefinitionBuilder ok(String json) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", CONTENT_TYPE)
			.withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
			.withBody(json);
	}

	private static MappingBuilder operation(String operation) {
		return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation));
	}

}
