package com.acme.confirm.audit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.ServiceProcess;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica killed (SIGKILL, a real child process) in the middle of a confirmation leaves
 * its audit event PENDING; a replica started afterwards settles it from the user's state
 * on its scheduler, marks it reconciled and appends it to the chain.
 */
class PendingReconciliationTests extends IntegrationTests {

	@Test
	void confirmWhenReplicaKilledDuringTheCallThenARestartedReplicaReconcilesTheEventFromCognito() throws Exception {
		String username = newUsername("killed");
		this.cognito.signUp(username, username + "@example.com");
		// Cognito applies the confirmation; its answer is held back until the replica is
		// gone (the replica's own call budget is longer than the test).
		this.wire.on("AdminConfirmSignUp", username,
				aResponse().proxiedFrom(this.cognito.endpoint().toString()).withFixedDelay(120_000));
		ServiceProcess killed = ServiceProcess.replica("replica-killed", this.wire.endpoint(),
				"--confirm.cognito.api-call-attempt-timeout=150s", "--confirm.cognito.api-call-timeout=150s",
				"--confirm.cognito.max-attempts=1");
		String token = admin();
		CompletableFuture.runAsync(() -> {
			try {
				killed.api().adminConfirm(TestPools.CUSTOMERS, token, Map.of("username", username));
			}
			catch (RuntimeException ex) {
				// the connection dies with the replica
			}
		});
		await().atMost(Duration.ofSeconds(60)).until(() -> "CONFIRMED".equals(this.cognito.status(username)));
		killed.kill();

		assertThat(auditRows(username)).singleElement()
			.satisfies((row) -> assertThat(row.get("outcome")).isEqualTo("PENDING"));

		ServiceProcess restarted = ServiceProcess.replica("replica-restarted", this.wire.endpoint(),
				"--confirm.scheduler.enabled=true", "--confirm.audit.reconcile-after=2s",
				"--confirm.audit.reconcile-interval=1s");
		try {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> !"PENDING".equals(auditRows(username).get(0).get("outcome")));
			assertThat(auditRows(username)).singleElement().satisfies((row) -> {
				assertThat(row.get("outcome")).isEqualTo("CONFIRMED");
				assertThat(row.get("reconciled")).isEqualTo(true);
				assertThat(row.get("user_status")).isEqualTo("CONFIRMED");
				assertThat(row.get("chain_seq")).isNotNull();
			});
			JsonNode event = restarted.api()
				.exchange(HttpMethod.GET, "/api/v1/audit-events?username=" + username, this.idp.token("a", "auditor"),
						null, Map.of())
				.getBody()
				.path("events")
				.get(0);
			assertThat(event.path("reconciled").asBoolean()).isTrue();
			JsonNode verification = restarted.api()
				.exchange(HttpMethod.GET, "/api/v1/audit-events/verification", this.idp.token("a", "auditor"), null,
						Map.of())
				.getBody();
			assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
			String scrape = RestClient.create()
				.get()
				.uri(restarted.api().baseUrl() + "/actuator/prometheus")
				.headers((headers) -> headers.setBearerAuth(this.idp.token("ops", "operator")))
				.retrieve()
				.body(String.class);
			assertThat(scrape).containsPattern(
					"confirm_audit_reconciled_total\\{[^}]*action=\"ADMIN_CONFIRM_SIGN_UP\"[^}]*outcome=\"CONFIRMED\"");
			assertThat(scrape).contains("confirm_audit_pending ");
		}
		finally {
			restarted.terminate();
		}
	}

}
