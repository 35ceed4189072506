package com.acme.confirm.cognito;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class CircuitAndCrossAccountTests extends IntegrationTests {

	private static final String US_EAST_1 = CognitoCircuitBreakers.name("us-east-1", null);

	private static final String EU_WEST_1 = CognitoCircuitBreakers.name("eu-west-1", null);

	private static final String US_WEST_2_ROLE = CognitoCircuitBreakers.name("us-west-2", TestPools.CROSS_ACCOUNT_ROLE);

	private final CircuitBreakerRegistry circuitBreakers;

	CircuitAndCrossAccountTests(CircuitBreakerRegistry circuitBreakers) {
		this.circuitBreakers = circuitBreakers;
	}

	@Test
	void callsWhenCognitoKeepsFailingThenCircuitOpensAndAnswersAtOnceWithoutCallingCognito() {
		String broken = newUsername("outage");
		this.wire.fail("AdminGetUser", broken, 500, "InternalErrorException");
		for (int i = 0; i < 10; i++) {
			assertProblem(this.api.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", broken)), 503,
					"COGNITO_UNAVAILABLE");
		}
		String healthy = newUsername("healthy");
		this.cognito.signUp(healthy, healthy + "@example.com");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", healthy));

		assertProblem(response, 503, "COGNITO_UNAVAILABLE");
		// Retry-After is the breaker's own open wait (wait-duration-in-open-state)
		long openWait = this.circuitBreakers.circuitBreaker(US_EAST_1)
			.getCircuitBreakerConfig()
			.getWaitIntervalFunctionInOpenState()
			.apply(1);
		assertThat(openWait).isEqualTo(30_000);
		assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("30");
		assertThat(this.wire.requests("AdminGetUser", healthy)).isEmpty();
		assertThat(this.cognito.status(healthy)).isEqualTo("UNCONFIRMED");
		assertThat(auditRows(healthy)).singleElement()
			.satisfies((row) -> assertThat(row.get("error_code")).isEqualTo("COGNITO_UNAVAILABLE"));
		assertThat(breakerStateInHealth(US_EAST_1)).isEqualTo("OPEN");
		assertThat(breakerStateMetric(US_EAST_1, "open")).isEqualTo(1.0);
	}

	@Test
	void callsWhenOneRegionsCognitoFailsThenOnlyItsCircuitOpensAndAnotherRegionsPoolStillConfirms() {
		this.wire.failRegion("us-east-1", 500, "InternalErrorException");
		for (int i = 0; i < 10; i++) {
			assertProblem(this.api.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", newUsername("east"))),
					503, "COGNITO_UNAVAILABLE");
		}
		String partner = newUsername("partner");
		this.wire.on("AdminGetUser", partner, CognitoWire.ok("{\"Username\":\"" + partner
				+ "\",\"UserStatus\":\"UNCONFIRMED\",\"Enabled\":true,\"UserAttributes\":[]}"));
		this.wire.on("AdminConfirmSignUp", partner, CognitoWire.ok("{}"));
		String east = newUsername("east-after");

		ResponseEntity<JsonNode> suspended = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", east));
		ResponseEntity<JsonNode> confirmed = this.api.adminConfirm(TestPools.PARTNERS, admin(),
				Map.of("username", partner, "reason", "SUP-14 other region"));

		assertProblem(suspended, 503, "COGNITO_UNAVAILABLE");
		assertThat(suspended.getHeaders().getFirst("Retry-After")).isEqualTo("30");
		assertThat(this.wire.requests("AdminGetUser", east)).isEmpty();
		assertThat(confirmed.getStatusCode().value()).isEqualTo(200);
		assertThat(confirmed.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(this.circuitBreakers.circuitBreaker(US_EAST_1).getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(this.circuitBreakers.circuitBreaker(EU_WEST_1).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.circuitBreakers.circuitBreaker(US_WEST_2_ROLE).getState())
			.isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breakerStateInHealth(US_EAST_1)).isEqualTo("OPEN");
		assertThat(breakerStateInHealth(EU_WEST_1)).isEqualTo("CLOSED");
		assertThat(breakerStateInHealth(US_WEST_2_ROLE)).isEqualTo("CLOSED");
		assertThat(breakerStateMetric(EU_WEST_1, "closed")).isEqualTo(1.0);
	}

	@Test
	void breakersAreNamedForRegionAndForAccountAndRoleAndExistForEveryPoolFromTheStart() {
		assertThat(US_WEST_2_ROLE).isEqualTo("cognito-us-west-2-123456789012-cognito-confirm");
		assertThat(CognitoCircuitBreakers.name("eu-west-1", "arn:aws:iam::444455556666:role/staff/cognito-admin"))
			.isEqualTo("cognito-eu-west-1-444455556666-staff-cognito-admin");
		assertThat(this.circuitBreakers.getAllCircuitBreakers()).extracting(CircuitBreaker::getName)
			.contains(US_EAST_1, EU_WEST_1, US_WEST_2_ROLE);
		assertThat(
				this.circuitBreakers.circuitBreaker(US_WEST_2_ROLE).getCircuitBreakerConfig().getMinimumNumberOfCalls())
			.isEqualTo(10);
	}

	@Test
	void callsWhenCognitoRejectsRequestsThenCircuitStaysClosed() {
		for (int i = 0; i < 12; i++) {
			this.api.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", newUsername("missing")));
		}

		assertThat(this.circuitBreakers.circuitBreaker(US_EAST_1).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void poolInAnotherAccountIsCalledWithTheAssumedRolesCredentials() {
		String username = newUsername("cross");
		this.cognito.adminCreateUser(TestPools.CROSS_ACCOUNT, username);
		String local = newUsername("local");
		this.cognito.signUp(local, local + "@example.com");

		ResponseEntity<JsonNode> cross = this.api.exchange(HttpMethod.GET,
				"/api/v1/user-pools/" + TestPools.CROSS_ACCOUNT + "/user-status?username=" + username, admin(), null,
				Map.of());
		this.api.exchange(HttpMethod.GET,
				"/api/v1/user-pools/" + TestPools.CUSTOMERS + "/user-status?username=" + local, admin(), null,
				Map.of());

		assertThat(cross.getStatusCode().value()).isEqualTo(200);
		assertThat(cross.getBody().path("userStatus").asString()).isEqualTo("FORCE_CHANGE_PASSWORD");
		LoggedRequest crossCall = this.wire.requests("AdminGetUser", username).get(0);
		assertThat(crossCall.getHeader("Authorization")).contains("Credential=" + TestPools.ASSUMED_KEY_ID + "/")
			.contains("/us-west-2/cognito-idp/");
		assertThat(crossCall.getHeader("X-Amz-Security-Token")).isEqualTo("assumed-session-token");
		assertThat(this.wire.requests("AdminGetUser", local).get(0).getHeader("Authorization"))
			.contains("Credential=test-access-key/");
		// Assumed once, with the default chain's key;
		// its credentials are cached until near expiry.
		assertThat(this.wire.assumeRoleRequests()).singleElement().satisfies((assumeRole) -> {
			assertThat(assumeRole.getBodyAsString())
				.contains("RoleArn=" + URLEncoder.encode(TestPools.CROSS_ACCOUNT_ROLE, StandardCharsets.UTF_8));
			assertThat(assumeRole.getHeader("Authorization")).contains("Credential=test-access-key/");
		});
	}

	private String breakerStateInHealth(String name) {
		JsonNode health = this.api
			.exchange(HttpMethod.GET, "/actuator/health", this.idp.token("ops", "operator"), null, Map.of())
			.getBody();
		return health.path("components")
			.path("circuitBreakers")
			.path("details")
			.path(name)
			.path("details")
			.path("state")
			.asString();
	}

	private double breakerStateMetric(String name, String state) {
		JsonNode metric = this.api
			.exchange(HttpMethod.GET,
					"/actuator/metrics/resilience4j.circuitbreaker.state?tag=state:" + state + "&tag=name:" + name,
					this.idp.token("ops", "operator"), null, Map.of())
			.getBody();
		return metric.path("measurements").get(0).path("value").asDouble();
	}

}
