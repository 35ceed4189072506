package com.acme.confirm.cognito;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.EmbeddedRedisServer;
import com.acme.confirm.support.IdentityProvider;
import com.acme.confirm.support.ServiceInstance;
import com.acme.confirm.support.TestDatabase;
import com.acme.confirm.support.TestPools;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A replica whose Redis goes away and comes back, end to end: no request fails because of
 * it, Cognito is called at the local share meanwhile, readiness shows the degraded budget
 * without failing, and the budget is shared again by itself. Each test has a Redis of its
 * own (stopping a shared one would take it from other tests) and a replica of the service
 * on it. (The H2 run of the integration suite skips this class: the budget does not touch
 * the database.)
 */
@Tag("integration")
@ExtendWith({ TestDatabase.Required.class, OutputCaptureExtension.class })
class CognitoBudgetRedisLossTests {

	private static final int BUDGET = 8;

	private static final int LOCAL_SHARE = BUDGET / 2;

	private static final Duration SOON = Duration.ofSeconds(20);

	private static final String DEGRADED = "cannot be reached";

	private static final String SHARED_AGAIN = "answers again";

	private final CognitoWire wire = CognitoWire.get();

	private final IdentityProvider idp = IdentityProvider.get();

	private EmbeddedRedisServer redis;

	private ServiceInstance replica;

	@BeforeEach
	void startRedis() throws IOException {
		assumeFalse(TestDatabase.isH2(), "the budget does not touch the database");
		this.redis = EmbeddedRedisServer.launch();
		this.wire.reset();
		this.wire.onAny("AdminGetUser", CognitoWire
			.ok("{\"Username\":\"lost\",\"UserStatus\":\"UNCONFIRMED\",\"Enabled\":true,\"UserAttributes\":[]}"));
		this.wire.onAny("AdminConfirmSignUp", CognitoWire.ok("{}"));
	}

	@AfterEach
	void stop() {
		if (this.replica != null) {
			this.replica.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void redisStoppedAndStartedUnderTrafficThenNoFailuresLocalShareMeanwhileAndSharedAgain(CapturedOutput output)
			throws Exception {
		this.replica = start();
		CognitoBudgetTokenBucketTests.awaitShared(this.replica.bean(CognitoBudget.class));
		List<String> usernames = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			usernames.add("lost-" + System.nanoTime() + "-" + i);
		}
		CompletableFuture<ResponseEntity<JsonNode>> batch = CompletableFuture.supplyAsync(() -> this.replica.api()
			.post("/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up/batch", admin(),
					Map.of("usernames", usernames)));
		AtomicBoolean reading = new AtomicBoolean(true);
		List<Integer> readStatuses = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> reads = CompletableFuture.runAsync(() -> {
			while (reading.get()) {
				readStatuses.add(this.replica.api()
					.exchange(HttpMethod.GET,
							"/api/v1/user-pools/" + TestPools.CUSTOMERS + "/user-status?username=reader", admin(), null,
							Map.of())
					.getStatusCode()
					.value());
				pause(100);
			}
		});
		Thread.sleep(1000);

		this.redis.stop();
		await(() -> degraded() == 1);
		long degradedSeen = System.currentTimeMillis();
		ResponseEntity<JsonNode> readiness = this.replica.api()
			.exchange(HttpMethod.GET, "/actuator/health/readiness", this.idp.token("ops", "operator"), null, Map.of());
		Thread.sleep(4000);
		long restarted = System.currentTimeMillis();
		this.redis.start();
		await(() -> degraded() == 0);
		ResponseEntity<JsonNode> response = batch.join();
		reading.set(false);
		reads.join();

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("results")).hasSize(40)
			.allSatisfy((result) -> assertThat(result.path("outcome").asString()).as(result.toString())
				.isEqualTo("CONFIRMED"));
		assertThat(readStatuses).isNotEmpty().containsOnly(200);
		assertThat(readiness.getStatusCode().value()).isEqualTo(200);
		assertThat(readiness.getBody().path("status").asString()).isEqualTo("UP");
		assertThat(readiness.getBody().path("components").path("cognitoBudget").path("status").asString())
			.isEqualTo("DEGRADED");
		// Once the calls that had reserved a shared token are out, the local share sets
		// the pace until Redis is back.
		List<Long> local = this.wire.requests("AdminConfirmSignUp")
			.stream()
			.map((request) -> request.getLoggedDate().getTime())
			.filter((sent) -> sent >= degradedSeen + 1500 && sent < restarted)
			.sorted()
			.toList();
		assertThat(local).hasSizeGreaterThanOrEqualTo(LOCAL_SHARE);
		for (int i = 0; i + LOCAL_SHARE < local.size(); i++) {
			assertThat(local.get(i + LOCAL_SHARE) - local.get(i)).as("request %d and %d", i, i + LOCAL_SHARE)
				.isGreaterThanOrEqualTo(CognitoFleetBudgetTests.WINDOW.toMillis());
		}
		assertThat(this.replica.bean(MeterRegistry.class)
			.get("confirm.cognito.budget.degraded.seconds")
			.functionCounter()
			.count()).isGreaterThan(3.0);
		assertThat(health().path("components").path("cognitoBudget").path("status").asString()).isEqualTo("UP");
		assertThat(output.getAll().lines().filter((line) -> line.contains(DEGRADED))).hasSize(1);
		assertThat(output.getAll().lines().filter((line) -> line.contains(SHARED_AGAIN))).hasSize(1);
	}

	@Test
	void replicaStartedWhileRedisIsDownStartsWorksOnTheLocalShareAndSharesOnceRedisAnswers() {
		this.redis.stop();

		this.replica = start();
		ResponseEntity<JsonNode> confirmed = this.replica.api()
			.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", "down-at-start-" + System.nanoTime()));
		JsonNode degradedHealth = health();
		this.redis.start();
		await(() -> degraded() == 0);
		ResponseEntity<JsonNode> again = this.replica.api()
			.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", "shared-again-" + System.nanoTime()));

		assertThat(confirmed.getStatusCode().value()).isEqualTo(200);
		assertThat(confirmed.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(degradedHealth.path("status").asString()).isEqualTo("UP");
		assertThat(degradedHealth.path("components").path("cognitoBudget").path("status").asString())
			.isEqualTo("DEGRADED");
		assertThat(again.getStatusCode().value()).isEqualTo(200);
		assertThat(health().path("components").path("cognitoBudget").path("details").path("store").asString())
			.isEqualTo("redis");
	}

	private ServiceInstance start() {
		return ServiceInstance.start(Map.of("confirm.cognito.budget-redis-url", this.redis.url(),
				"confirm.cognito.max-requests-per-second", BUDGET, "confirm.cognito.expected-replicas", 2));
	}

	private String admin() {
		return this.idp.token("admin-1", "user-admin");
	}

	private JsonNode health() {
		return this.replica.api()
			.exchange(HttpMethod.GET, "/actuator/health", this.idp.token("ops", "operator"), null, Map.of())
			.getBody();
	}

	private double degraded() {
		return this.replica.bean(MeterRegistry.class).get("confirm.cognito.budget.degraded").gauge().value();
	}

	private static void await(BooleanSupplier condition) {
		long end = System.nanoTime() + SOON.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < end) {
			pause(50);
		}
		assertThat(condition.getAsBoolean()).as("within %s", SOON).isTrue();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
