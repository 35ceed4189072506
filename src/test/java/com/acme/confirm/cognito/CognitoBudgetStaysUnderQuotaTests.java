package com.acme.confirm.cognito;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.acme.confirm.support.CognitoRateLimit;
import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 500 users through the batch endpoint with the budget at 20/s, against a fast Cognito
 * stand-in that throttles a 21st request within a window of a second (less
 * {@link #ARRIVAL_JITTER}): the service keeps under the quota and close to it. (The
 * emulator rewrites its whole data file on every change and would itself set the pace.)
 */
@TestPropertySource(properties = "confirm.cognito.max-requests-per-second=20")
class CognitoBudgetStaysUnderQuotaTests extends IntegrationTests {

	private static final int USERS = 500;

	private static final int BUDGET = 20;

	/**
	 * What this machine may add between the service taking a token and WireMock seeing
	 * the request. WireMock, the service and the caller share one JVM and two cores here:
	 * a GC pause or a busy core delays one request's arrival but not the next one's, and
	 * once that exceeded the 31 ms the service's 3% margin covers (a CI run on a slow
	 * host: one request throttled). The quota is therefore checked over windows this much
	 * shorter than a second; the rate over the whole run is checked against the budget
	 * itself. 50 ms was not enough on a 2-core host at a load average of 8 (other
	 * builds): one run in three had a request throttled, before and after issue 14's
	 * budget.
	 */
	private static final Duration ARRIVAL_JITTER = Duration.ofMillis(150);

	private static final Duration WINDOW = Duration.ofSeconds(1).minus(ARRIVAL_JITTER);

	@Test
	void bulkConfirmStaysUnderTheBudgetInEverySecondAndUsesAtLeastNinetyPercentOfIt() {
		String prefix = newUsername("bulk");
		List<String> usernames = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			usernames.add(prefix + "-" + i);
		}
		this.wire.onAny("AdminGetUser", CognitoWire
			.ok("{\"Username\":\"bulk\",\"UserStatus\":\"UNCONFIRMED\",\"Enabled\":true,\"UserAttributes\":[]}"));
		CognitoRateLimit quota = this.wire.limitRate("AdminConfirmSignUp", BUDGET, WINDOW, CognitoWire.ok("{}"));

		List<JsonNode> results = new ArrayList<>();
		for (int from = 0; from < USERS; from += 100) {
			ResponseEntity<JsonNode> response = this.api.post(
					"/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up/batch", admin(),
					Map.of("usernames", usernames.subList(from, from + 100)));
			assertThat(response.getStatusCode().value()).isEqualTo(200);
			response.getBody().path("results").forEach(results::add);
		}

		assertThat(results).hasSize(USERS)
			.allSatisfy((result) -> assertThat(result.path("outcome").asString()).isEqualTo("CONFIRMED"));
		assertThat(quota.throttled()).isZero();
		List<Long> sent = this.wire.requests("AdminConfirmSignUp")
			.stream()
			.map((request) -> request.getLoggedDate().getTime())
			.sorted()
			.toList();
		assertThat(sent).hasSize(USERS);
		for (int i = 0; i + BUDGET < sent.size(); i++) {
			assertThat(sent.get(i + BUDGET) - sent.get(i)).as("request %d and %d", i, i + BUDGET)
				.isGreaterThanOrEqualTo(WINDOW.toMillis());
		}
		double rate = (sent.size() - 1) * 1000.0 / (sent.get(sent.size() - 1) - sent.get(0));
		LoggerFactory.getLogger(CognitoBudgetStaysUnderQuotaTests.class)
			.info("{} AdminConfirmSignUp calls at {} per second (budget {})", sent.size(), rate, BUDGET);
		assertThat(rate).isGreaterThanOrEqualTo(BUDGET * 0.9).isLessThanOrEqualTo(BUDGET);
	}

}
