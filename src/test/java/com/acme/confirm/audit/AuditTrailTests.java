package com.acme.confirm.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
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
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class AuditTrailTests extends IntegrationTests {

	private final AuditRepository repository;

	private final MeterRegistry meterRegistry;

	private final HikariDataSource dataSource;

	AuditTrailTests(AuditRepository repository, MeterRegistry meterRegistry, HikariDataSource dataSource) {
		this.repository = repository;
		this.meterRegistry = meterRegistry;
		this.dataSource = dataSource;
	}

	@AfterEach
	void databaseBack() {
		this.database.restore();
		// Pooled connections that the outage reset would fail the next test's first
		// write.
		this.dataSource.getHikariPoolMXBean().softEvictConnections();
	}

	@Test
	void confirmWhenSucceededThenEventHasEveryContractField() {
		String username = newUsername("audited");
		this.cognito.signUp(username, username + "@example.com");

		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.POST, adminConfirmPath(), admin(),
				"{\"username\":\"" + username + "\",\"reason\":\"SUP-1 by phone\",\"clientMetadata\":"
						+ "{\"ticket\":\"SUP-1-value\",\"channel\":\"phone-value\"}}",
				Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE, HttpHeaders.USER_AGENT,
						"support-cli/1.2", "X-Correlation-Id", "corr-" + username));

		JsonNode event = onlyEvent("username=" + username);
		assertThat(event.path("id").asString()).isEqualTo(response.getBody().path("auditEventId").asString());
		assertThat(event.path("action").asString()).isEqualTo("ADMIN_CONFIRM_SIGN_UP");
		assertThat(event.path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(event.has("errorCode")).isFalse();
		assertThat(event.path("actor").path("subject").asString()).isEqualTo("admin-1");
		assertThat(event.path("actor").path("issuer").asString()).isEqualTo(this.idp.issuerUri());
		assertThat(event.path("actor").path("clientId").asString()).isEqualTo(claim(admin(), "azp"));
		assertThat(event.path("actor").path("roles").get(0).asString()).isEqualTo("user-admin");
		assertThat(event.path("target").path("userPoolId").asString()).isEqualTo(TestPools.CUSTOMERS);
		assertThat(event.path("target").path("username").asString()).isEqualTo(username);
		assertThat(event.path("reason").asString()).isEqualTo("SUP-1 by phone");
		assertThat(event.path("clientMetadataKeys").toString()).isEqualTo("[\"channel\",\"ticket\"]");
		assertThat(event.path("correlationId").asString()).isEqualTo("corr-" + username);
		assertThat(event.path("cognitoRequestId").asString()).isNotBlank();
		assertThat(event.path("sourceIp").asString()).isEqualTo("127.0.0.1");
		assertThat(event.path("userAgent").asString()).isEqualTo("support-cli/1.2");
		assertThat(event.path("durationMs").asLong()).isNotNegative();
		assertThat(Instant.parse(event.path("completedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(event.path("occurredAt").asString()));
		assertThat(rowText(username)).doesNotContain("SUP-1-value").doesNotContain("phone-value");
	}

	@Test
	void confirmWhenDeniedThenDeniedEventWithActor() {
		String username = newUsername("denied");

		this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", username));

		JsonNode event = onlyEvent("username=" + username);
		assertThat(event.path("outcome").asString()).isEqualTo("DENIED");
		assertThat(event.path("errorCode").asString()).isEqualTo("FORBIDDEN");
		assertThat(event.path("actor").path("subject").asString()).isEqualTo("agent-1");
	}

	@Test
	void confirmWhenBodyInvalidThenFailedEventWithActorAndNoSecrets() {
		String username = newUsername("invalid");

		ResponseEntity<JsonNode> response = this.api.confirm(TestPools.CUSTOMERS, agent(), Map.of("clientId",
				TestPools.PUBLIC_CLIENT, "username", username, "confirmationCode", "has whitespace-CODE-77"));

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		JsonNode event = onlyEvent("username=" + username);
		assertThat(event.path("id").asString()).isEqualTo(response.getBody().path("auditEventId").asString());
		assertThat(event.path("action").asString()).isEqualTo("CONFIRM_SIGN_UP");
		assertThat(event.path("outcome").asString()).isEqualTo("FAILED");
		assertThat(event.path("errorCode").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(event.path("actor").path("subject").asString()).isEqualTo("agent-1");
		assertThat(event.path("target").path("appClientId").asString()).isEqualTo(TestPools.PUBLIC_CLIENT);
		assertThat(rowText(username)).doesNotContain("CODE-77");
	}

	@Test
	void confirmWhenBodyMalformedThenFailedEventForThePool() {
		String actor = newUsername("malformed-actor");

		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.POST, adminConfirmPath(),
				this.idp.token(actor, "user-admin"), "{\"username\": ",
				Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE));

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		JsonNode event = onlyEvent("actor=" + actor);
		assertThat(event.path("errorCode").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(event.path("target").path("userPoolId").asString()).isEqualTo(TestPools.CUSTOMERS);
	}

	@Test
	void confirmWhenDatabaseDownThenAuditUnavailableAndCognitoNotCalled() {
		String username = newUsername("no-db");
		this.cognito.signUp(username, username + "@example.com");
		this.database.cut();

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", username));

		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getBody().path("code").asString()).isEqualTo("AUDIT_UNAVAILABLE");
		assertThat(this.wire.requests("AdminGetUser", username)).isEmpty();
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).isEmpty();
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
		databaseBack();
		assertThat(events("username=" + username)).isEmpty();
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
		JsonNode pending = onlyEvent("outcome=PENDING&username=" + username);
		assertThat(pending.path("id").asString()).isEqualTo(response.getBody().path("auditEventId").asString());
		assertThat(pending.has("completedAt")).isFalse();
	}

	@Test
	void verificationWhenRowEditedOrDeletedThenFirstBrokenLinkReported() {
		String username = newUsername("chain");
		this.cognito.signUp(username, username + "@example.com");
		this.api.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", username, "reason", "original"));
		this.api.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", username, "reason", "second"));
		assertThat(verification().path("valid").asBoolean()).isTrue();
		long seq = chainSeqOf(username, "original");

		this.database.update("UPDATE audit_event SET reason = 'edited' WHERE chain_seq = ?", seq);
		JsonNode edited = verification();
		this.database.update("UPDATE audit_event SET reason = 'original' WHERE chain_seq = ?", seq);
		JsonNode repaired = verification();
		Map<String, Object> row = copyRow(seq);
		this.database.update("DELETE FROM audit_event WHERE chain_seq = ?", seq);
		JsonNode deleted = verification();
		this.database.insert("audit_event", row);

		assertThat(edited.path("valid").asBoolean()).isFalse();
		assertThat(edited.path("brokenAtSeq").asLong()).isEqualTo(seq);
		assertThat(edited.path("problem").asString()).contains("content");
		assertThat(repaired.path("valid").asBoolean()).isTrue();
		assertThat(deleted.path("valid").asBoolean()).isFalse();
		assertThat(deleted.path("brokenAtSeq").asLong()).isEqualTo(seq);
		assertThat(deleted.path("problem").asString()).contains("missing");
		assertThat(verification().path("valid").asBoolean()).isTrue();
	}

	@Test
	void verificationWhenNewestRowDeletedThenReported() {
		String username = newUsername("newest");
		this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", username));
		long seq = chainSeqOf(username, null);
		Map<String, Object> row = copyRow(seq);
		this.database.update("DELETE FROM audit_event WHERE chain_seq = ?", seq);
		JsonNode deleted = verification();
		this.database.insert("audit_event", row);

		assertThat(deleted.path("valid").asBoolean()).isFalse();
		assertThat(deleted.path("problem").asString()).contains("ends before its head");
		assertThat(verification().path("valid").asBoolean()).isTrue();
	}

	@Test
	void listWhenPagedThenStableOrderWithoutRepeatsAndFiltersApply() {
		String username = newUsername("paged");
		for (int i = 0; i < 5; i++) {
			this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", username));
		}
		this.api.confirm(TestPools.CUSTOMERS, agent(),
				Map.of("clientId", "unknownclient", "username", username, "confirmationCode", "1"));

		List<String> ids = new ArrayList<>();
		String token = null;
		int pages = 0;
		do {
			JsonNode page = get("/api/v1/audit-events?username=" + username + "&pageSize=2"
					+ ((token != null) ? "&pageToken=" + token : ""));
			page.path("events").forEach((event) -> ids.add(event.path("id").asString()));
			token = page.has("nextPageToken") ? page.path("nextPageToken").asString() : null;
			pages++;
		}
		while (token != null);

		assertThat(pages).isEqualTo(3);
		assertThat(ids).hasSize(6).doesNotHaveDuplicates();
		List<String> all = events("username=" + username).stream().map((e) -> e.path("id").asString()).toList();
		assertThat(ids).isEqualTo(all);
		assertThat(events("username=" + username + "&action=CONFIRM_SIGN_UP")).hasSize(1);
		assertThat(events("username=" + username + "&outcome=DENIED")).hasSize(5);
		assertThat(events("username=" + username + "&actor=agent-1&userPoolId=" + TestPools.CUSTOMERS)).hasSize(6);
		assertThat(events("username=" + username + "&actor=admin-1")).isEmpty();
		assertThat(events("username=" + username + "&to=2000-01-01T00:00:00Z")).isEmpty();
		assertThat(events("username=" + username + "&from=2000-01-01T00:00:00Z")).hasSize(6);
	}

	@Test
	void listWhenNotAuditorThenForbiddenAndWhenBadFilterThenValidationFailed() {
		ResponseEntity<JsonNode> asAdmin = this.api.exchange(HttpMethod.GET, "/api/v1/audit-events", admin(), null,
				Map.of());
		ResponseEntity<JsonNode> badSize = this.api.exchange(HttpMethod.GET, "/api/v1/audit-events?pageSize=201",
				auditor(), null, Map.of());
		ResponseEntity<JsonNode> badOutcome = this.api.exchange(HttpMethod.GET, "/api/v1/audit-events?outcome=MAYBE",
				auditor(), null, Map.of());
		ResponseEntity<JsonNode> badToken = this.api.exchange(HttpMethod.GET, "/api/v1/audit-events?pageToken=bm9wZQ",
				auditor(), null, Map.of());

		assertThat(asAdmin.getStatusCode().value()).isEqualTo(403);
		assertThat(badSize.getBody().path("errors").get(0).path("field").asString()).isEqualTo("pageSize");
		assertThat(badOutcome.getBody().path("errors").get(0).path("field").asString()).isEqualTo("outcome");
		assertThat(badToken.getBody().path("errors").get(0).path("field").asString()).isEqualTo("pageToken");
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
		assertThat(this.database
			.rows("SELECT outcome, COUNT(*), COUNT(DISTINCT target_username), COUNT(DISTINCT chain_seq) "
					+ "FROM audit_event WHERE target_username LIKE ? GROUP BY outcome", prefix + "-%"))
			.containsExactly(List.of("CONFIRMED", "200", "200", "200"));
		assertThat(this.database
			.rows("SELECT COUNT(*), COUNT(DISTINCT chain_seq), MIN(outcome), MAX(outcome) FROM audit_event "
					+ "WHERE target_username LIKE ? AND chain_seq IS NOT NULL", rejectedPrefix + "-%"))
			.containsExactly(List.of("50", "50", "FAILED", "FAILED"));
		assertThat(verification().path("valid").asBoolean()).isTrue();
	}

	@Test
	void purgeWhenPastRetentionThenOldCompletedEventsGoneChainStillValidPendingKept() {
		String username = newUsername("old");
		this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", username));
		String pendingId = java.util.UUID.randomUUID().toString();
		this.database.update("INSERT INTO audit_event (id, occurred_at, action, outcome, actor_subject, actor_roles, "
				+ "target_user_pool_id, client_metadata_keys, correlation_id) VALUES ('" + pendingId
				+ "', TIMESTAMP WITH TIME ZONE '2001-01-01 00:00:00+00', 'ADMIN_CONFIRM_SIGN_UP', 'PENDING', "
				+ "'someone', '[]', 'eu-west-1_X1', '[]', 'c')");
		AuditProperties properties = new AuditProperties(Duration.ofDays(30), "-");
		Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(31)), ZoneOffset.UTC);

		new AuditRetention(this.repository, properties, later).purge();
		String afterPurge = newUsername("after-purge");
		this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", afterPurge));

		assertThat(events("username=" + username)).isEmpty();
		assertThat(events("outcome=PENDING&to=2002-01-01T00:00:00Z")).extracting((e) -> e.path("id").asString())
			.contains(pendingId);
		JsonNode verification = verification();
		assertThat(verification.path("valid").asBoolean()).isTrue();
		assertThat(verification.path("checkedEvents").asLong()).isEqualTo(1);
		assertThat(verification.path("firstSeq").asLong()).isGreaterThan(1);
	}

	@Test
	void completedEventsAreCountedAndLoggedAsStructuredLines(CapturedOutput output) {
		String username = newUsername("counted");
		double before = count("ADMIN_CONFIRM_SIGN_UP", "DENIED");

		this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", username));

		assertThat(count("ADMIN_CONFIRM_SIGN_UP", "DENIED")).isEqualTo(before + 1);
		JsonMapper json = JsonMapper.builder().build();
		assertThat(output.getAll().lines().filter((line) -> line.startsWith("{") && line.contains(username)))
			.map(json::readTree)
			.anySatisfy((line) -> {
				assertThat(line.path("audit").path("action").asString()).isEqualTo("ADMIN_CONFIRM_SIGN_UP");
				assertThat(line.path("audit").path("outcome").asString()).isEqualTo("DENIED");
				assertThat(line.path("audit").path("target").path("username").asString()).isEqualTo(username);
				assertThat(line.path("correlationId").asString()).isNotBlank();
			});
	}

	private double count(String action, String outcome) {
		var counter = this.meterRegistry.find("confirm.audit.events")
			.tags("action", action, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static String claim(String token, String name) {
		String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		return JsonMapper.builder().build().readTree(payload).path(name).asString();
	}

	private String auditor() {
		return this.idp.token("auditor-1", "auditor");
	}

	private JsonNode get(String path) {
		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.GET, path, auditor(), null, Map.of());
		assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
		return response.getBody();
	}

	private List<JsonNode> events(String query) {
		List<JsonNode> events = new ArrayList<>();
		get("/api/v1/audit-events?pageSize=200&" + query).path("events").forEach(events::add);
		return events;
	}

	private JsonNode onlyEvent(String query) {
		List<JsonNode> events = events(query);
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	private JsonNode verification() {
		return get("/api/v1/audit-events/verification");
	}

	/** Every column of a username's audit rows, as text. */
	private String rowText(String username) {
		return this.database.rows("SELECT * FROM audit_event WHERE target_username = ?", username).toString();
	}

	private static String adminConfirmPath() {
		return "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up";
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
