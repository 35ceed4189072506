package com.acme.confirm.audit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit database lost before the service calls Cognito (AUDIT_UNAVAILABLE, Cognito
 * untouched) and while it does (Cognito's result answered, the event left PENDING), and
 * when the chain is to be verified (AUDIT_UNAVAILABLE).
 */
class AuditDatabaseOutageTests extends IntegrationTests {

	private final AuditTrailApi auditTrail = new AuditTrailApi(() -> this.api, this.idp);

	private final HikariDataSource dataSource;

	AuditDatabaseOutageTests(HikariDataSource dataSource) {
		this.dataSource = dataSource;
	}

	@AfterEach
	void databaseBack() {
		this.database.restore();
		// Pooled connections that the outage reset
		// would fail the next test's first write.
		this.dataSource.getHikariPoolMXBean().softEvictConnections();
	}

	@Test
	void confirmWhenDatabaseDownThenAuditUnavailableAndCognitoNotCalled() {
		String username = newUsername("no-db");
		this.cognito.signUp(username, username + "@example.com");
		this.database.cut();

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertProblem(response, 503, "AUDIT_UNAVAILABLE");
		assertThat(this.wire.requests("AdminGetUser", username)).isEmpty();
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).isEmpty();
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
		databaseBack();
		assertThat(this.auditTrail.events("username=" + username)).isEmpty();
	}

	@Test
	void confirmWhenDatabaseLostDuringCognitoCallThenResultReturnedAndEventStaysPending() throws Exception {
		String username = newUsername("lost-db");
		this.cognito.signUp(username, username + "@example.com");
		this.wire.on("AdminConfirmSignUp", username,
				com.github.tomakehurst.wiremock.client.WireMock.aResponse()
					.proxiedFrom(this.cognito.endpoint().toString())
					.withFixedDelay(2000));

		CompletableFuture<ResponseEntity<JsonNode>> call = CompletableFuture
			.supplyAsync(() -> this.api.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", username)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !this.wire.requests("AdminConfirmSignUp", username).isEmpty());
		this.database.cut();
		ResponseEntity<JsonNode> response = call.get(20, TimeUnit.SECONDS);
		databaseBack();

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
		JsonNode pending = this.auditTrail.onlyEvent("outcome=PENDING&username=" + username);
		assertThat(pending.path("id").asString()).isEqualTo(response.getBody().path("auditEventId").asString());
		assertThat(pending.has("completedAt")).isFalse();
	}

	@Test
	void verificationWhenDatabaseDownThenAuditUnavailable() {
		this.database.cut();

		ResponseEntity<JsonNode> response = this.auditTrail.verificationResponse("");

		assertProblem(response, 503, "AUDIT_UNAVAILABLE");
	}

}
