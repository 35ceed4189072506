package com.acme.confirm.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash chain and its verification: an edited or deleted row is reported at its link,
 * and 250 calls at once leave each event once in a chain that still verifies.
 */
class AuditChainVerificationTests extends IntegrationTests {

	private final AuditTrailApi auditTrail = new AuditTrailApi(() -> this.api, this.idp);

	@Test
	void verificationWhenRowEditedOrDeletedThenFirstBrokenLinkReported() {
		String username = newUsername("chain");
		this.cognito.signUp(username, username + "@example.com");
		this.api.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", username, "reason", "original"));
		this.api.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", username, "reason", "second"));
		assertThat(this.auditTrail.verification().path("valid").asBoolean()).isTrue();
		long seq = chainSeqOf(username, "original");

		this.database.update("UPDATE audit_event SET reason = 'edited' WHERE chain_seq = ?", seq);
		JsonNode edited = this.auditTrail.verification();
		this.database.update("UPDATE audit_event SET reason = 'original' WHERE chain_seq = ?", seq);
		JsonNode repaired = this.auditTrail.verification();
		Map<String, Object> row = copyRow(seq);
		this.database.update("DELETE FROM audit_event WHERE chain_seq = ?", seq);
		JsonNode deleted = this.auditTrail.verification();
		this.database.insert("audit_event", row);

		assertThat(edited.path("valid").asBoolean()).isFalse();
		assertThat(edited.path("brokenAtSeq").asLong()).isEqualTo(seq);
		assertThat(edited.path("problem").asString()).contains("content");
		assertThat(repaired.path("valid").asBoolean()).isTrue();
		assertThat(deleted.path("valid").asBoolean()).isFalse();
		assertThat(deleted.path("brokenAtSeq").asLong()).isEqualTo(seq);
		assertThat(deleted.path("problem").asString()).contains("missing");
		assertThat(this.auditTrail.verification().path("valid").asBoolean()).isTrue();
	}

	@Test
	void verificationWhenNewestRowDeletedThenReported() {
		String username = newUsername("newest");
		this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", username));
		long seq = chainSeqOf(username, null);
		Map<String, Object> row = copyRow(seq);
		this.database.update("DELETE FROM audit_event WHERE chain_seq = ?", seq);
		JsonNode deleted = this.auditTrail.verification();
		this.database.insert("audit_event", row);

		assertThat(deleted.path("valid").asBoolean()).isFalse();
		assertThat(deleted.path("problem").asString()).contains("ends before its head");
		assertThat(this.auditTrail.verification().path("valid").asBoolean()).isTrue();
	}

	@Test
	void confirmWhenTwoHundredInParallelThenEveryEventOnceAndChainValid() throws Exception {
		String prefix = newUsername("parallel");
		List<String> usernames = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			usernames.add(prefix + "-" + i);
		}
		// The emulator corrupts its data under parallel writes: WireMock plays Cognito
		// here, with one stub per operation (400 per-username stubs, each matched by JSON
		// path, made WireMock itself the bottleneck: calls timed out at the stand-in).
		this.wire.onAny("AdminGetUser", CognitoWire
			.ok("{\"Username\":\"parallel\",\"UserStatus\":\"UNCONFIRMED\",\"Enabled\":true,\"UserAttributes\":[]}"));
		this.wire.onAny("AdminConfirmSignUp", CognitoWire.ok("{}"));
		String token = admin();
		// Rejected requests in the same burst: their events were never PENDING, so they
		// are
		// inserted whole in the middle of shared chain appends.
		String rejectedPrefix = newUsername("parallel-rejected");
		String agentToken = agent();
		ExecutorService callers = Executors.newFixedThreadPool(usernames.size() + 50);
		List<CompletableFuture<ResponseEntity<JsonNode>>> calls = usernames.stream()
			.map((username) -> CompletableFuture.supplyAsync(
					() -> this.api.adminConfirm(TestPools.CUSTOMERS, token, Map.of("username", username)), callers))
			.toList();
		List<CompletableFuture<ResponseEntity<JsonNode>>> rejected = IntStream.range(0, 50)
			.mapToObj(
					(i) -> CompletableFuture
						.supplyAsync(
								() -> this.api.confirm(TestPools.CUSTOMERS, agentToken,
										Map.of("clientId", TestPools.PUBLIC_CLIENT, "username",
												rejectedPrefix + "-" + i, "confirmationCode", "has whitespace")),
								callers))
			.toList();
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
		CompletableFuture.allOf(rejected.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
		callers.shutdown();

		assertThat(calls).allSatisfy((call) -> assertThat(call.get().getStatusCode().value()).isEqualTo(200));
		assertThat(rejected).allSatisfy((call) -> assertThat(call.get().getStatusCode().value()).isEqualTo(400));
		// the one stub names every user "parallel": the identifiers tell the events apart
		assertThat(this.database
			.rows("SELECT outcome, COUNT(*), COUNT(DISTINCT target_identifier), COUNT(DISTINCT chain_seq) "
					+ "FROM audit_event WHERE target_identifier LIKE ? GROUP BY outcome", prefix + "-%"))
			.containsExactly(List.of("CONFIRMED", "200", "200", "200"));
		assertThat(this.database
			.rows("SELECT COUNT(*), COUNT(DISTINCT chain_seq), MIN(outcome), MAX(outcome) FROM audit_event "
					+ "WHERE target_username LIKE ? AND chain_seq IS NOT NULL", rejectedPrefix + "-%"))
			.containsExactly(List.of("50", "50", "FAILED", "FAILED"));
		assertThat(this.auditTrail.verification().path("valid").asBoolean()).isTrue();
	}

	/**
	 * The chain position of a username's first audit row (with that reason, if given).
	 */
	private long chainSeqOf(String username, @Nullable String reason) {
		List<List<String>> rows = (reason != null)
				? this.database.rows("SELECT chain_seq FROM audit_event WHERE target_username = ? AND reason = ?",
						username, reason)
				: this.database.rows("SELECT chain_seq FROM audit_event WHERE target_username = ?", username);
		assertThat(rows).isNotEmpty();
		return Long.parseLong(rows.get(0).get(0));
	}

	private Map<String, Object> copyRow(long seq) {
		List<Map<String, Object>> rows = this.database.rowMaps("SELECT * FROM audit_event WHERE chain_seq = ?", seq);
		assertThat(rows).hasSize(1);
		return rows.get(0);
	}

}
