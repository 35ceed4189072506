package com.acme.confirm.cognito;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.acme.confirm.support.CognitoRateLimit;
import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.EmbeddedRedisServer;
import com.acme.confirm.support.IdentityProvider;
import com.acme.confirm.support.ServiceInstance;
import com.acme.confirm.support.TestDatabase;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Two replicas of the service on one database and one Redis, each running a batch at the
 * same time against a Cognito stand-in that enforces the quota: the batches queue on the
 * one shared budget, every item is confirmed, no second at Cognito holds more than the
 * budget and together they use it. (A fleet runs on PostgreSQL; the H2 run of the
 * integration suite skips this class.)
 */
@Tag("integration")
@ExtendWith(TestDatabase.Required.class)
class CognitoFleetBudgetTests {

	private static final int BUDGET = 8;

	private static final int ITEMS_PER_BATCH = 24;

	/**
	 * A second less what a loaded machine may add between a replica's token being due and
	 * WireMock seeing the request (see CognitoBudgetStaysUnderQuotaTests): the quota is
	 * checked over windows this long, the rate over the whole run against the budget.
	 */
	static final Duration WINDOW = Duration.ofMillis(850);

	private static EmbeddedRedisServer redis;

	private static ServiceInstance first;

	private static ServiceInstance second;

	private final CognitoWire wire = CognitoWire.get();

	private final IdentityProvider idp = IdentityProvider.get();

	@BeforeAll
	static void startTwoReplicas() throws IOException, InterruptedException {
		assumeFalse(TestDatabase.isH2(), "a fleet shares PostgreSQL");
		redis = EmbeddedRedisServer.launch();
		// an interactive call would wait at most 200 ms: the batches' items wait their
		// turn
		Map<String, Object> shared = Map.of("confirm.cognito.budget-redis-url", redis.url(),
				"confirm.cognito.max-requests-per-second", BUDGET, "confirm.cognito.expected-replicas", 2,
				"confirm.cognito.max-budget-wait", "200ms");
		first = ServiceInstance.start(shared);
		second = ServiceInstance.start(shared);
		CognitoBudgetTokenBucketTests.awaitShared(first.bean(CognitoBudget.class));
		CognitoBudgetTokenBucketTests.awaitShared(second.bean(CognitoBudget.class));
	}

	@AfterAll
	static void stopThem() {
		for (AutoCloseable closeable : new AutoCloseable[] { first, second, redis }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				LoggerFactory.getLogger(CognitoFleetBudgetTests.class).warn("Could not stop {}", closeable, ex);
			}
		}
	}

	@Test
	void twoReplicasBatchesAtOnceQueueOnTheSharedBudgetAllConfirmedNeverOverItAndUsingIt() {
		this.wire.reset();
		this.wire.onAny("AdminGetUser", CognitoWire
			.ok("{\"Username\":\"fleet\",\"UserStatus\":\"UNCONFIRMED\",\"Enabled\":true,\"UserAttributes\":[]}"));
		CognitoRateLimit quota = this.wire.limitRate("AdminConfirmSignUp", BUDGET, WINDOW, CognitoWire.ok("{}"));
		String admin = this.idp.token("admin-1", "user-admin");

		CompletableFuture<ResponseEntity<JsonNode>> onFirst = CompletableFuture
			.supplyAsync(() -> batch(first, admin, "fleet-a"));
		CompletableFuture<ResponseEntity<JsonNode>> onSecond = CompletableFuture
			.supplyAsync(() -> batch(second, admin, "fleet-b"));

		List<JsonNode> results = new ArrayList<>();
		for (ResponseEntity<JsonNode> response : List.of(onFirst.join(), onSecond.join())) {
			assertThat(response.getStatusCode().value()).isEqualTo(200);
			response.getBody().path("results").forEach(results::add);
		}
		assertThat(results).hasSize(2 * ITEMS_PER_BATCH)
			.allSatisfy((result) -> assertThat(result.path("outcome").asString()).as(result.toString())
				.isEqualTo("CONFIRMED"));
		assertThat(quota.throttled()).isZero();
		List<Long> sent = this.wire.requests("AdminConfirmSignUp")
			.stream()
			.map((request) -> request.getLoggedDate().getTime())
			.sorted()
			.toList();
		assertThat(sent).hasSize(2 * ITEMS_PER_BATCH);
		for (int i = 0; i + BUDGET < sent.size(); i++) {
			assertThat(sent.get(i + BUDGET) - sent.get(i)).as("request %d and %d", i, i + BUDGET)
				.isGreaterThanOrEqualTo(WINDOW.toMillis());
		}
		double rate = (sent.size() - 1) * 1000.0 / (sent.get(sent.size() - 1) - sent.get(0));
		LoggerFactory.getLogger(CognitoFleetBudgetTests.class)
			.info("{} AdminConfirmSignUp calls from two replicas at {} per second (budget {})", sent.size(), rate,
					BUDGET);
		assertThat(rate).isGreaterThanOrEqualTo(BUDGET * 0.9).isLessThanOrEqualTo(BUDGET);
		// Both replicas appended to the one chain: every item's event is a link of its
		// own,
		// and the chain verifies whole.
		List<String> ids = results.stream().map((result) -> result.path("auditEventId").asString()).toList();
		List<List<String>> links = TestDatabase.get()
			.rows("SELECT outcome, chain_seq FROM audit_event WHERE CAST(id AS VARCHAR) IN ("
					+ String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", ids.toArray());
		assertThat(links).hasSize(2 * ITEMS_PER_BATCH).allSatisfy((link) -> {
			assertThat(link.get(0)).isEqualTo("CONFIRMED");
			assertThat(link.get(1)).isNotNull();
		});
		assertThat(links.stream().map((link) -> link.get(1)).distinct()).hasSize(2 * ITEMS_PER_BATCH);
		JsonNode verification = second.api()
			.exchange(HttpMethod.GET, "/api/v1/audit-events/verification?full=true",
					this.idp.token("auditor-1", "auditor"), null, Map.of())
			.getBody();
		assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
	}

	private static ResponseEntity<JsonNode> batch(ServiceInstance replica, String token, String prefix) {
		List<String> usernames = new ArrayList<>();
		for (int i = 0; i < ITEMS_PER_BATCH; i++) {
			usernames.add(prefix + "-" + System.nanoTime() + "-" + i);
		}
		return replica.api()
			.post("/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up/batch", token,
					Map.of("usernames", usernames));
	}

}
