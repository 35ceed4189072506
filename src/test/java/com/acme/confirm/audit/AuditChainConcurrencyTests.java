package com.acme.confirm.audit;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.ProblemAssert;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verification while the chain moves: confirms appended in group commits and a purge
 * never make it report a break that is not there; and one verification at a time across
 * instances, any other request asked to come back (429 THROTTLED with Retry-After).
 */
class AuditChainConcurrencyTests extends IntegrationTests {

	private static final int CONFIRMS = 200;

	private static final int AUDITORS = 3;

	private final AuditTrailApi auditTrail = new AuditTrailApi(() -> this.api, this.idp);

	private final AuditRepository repository;

	AuditChainConcurrencyTests(AuditRepository repository) {
		this.repository = repository;
	}

	@Test
	void verificationWhileConfirmsAndPurgesRunThenNeverABreakThatIsNotThere() throws Exception {
		String prefix = newUsername("moving");
		// WireMock plays Cognito: the emulator corrupts its data under parallel writes.
		this.wire.onAny("AdminGetUser", CognitoWire
			.ok("{\"Username\":\"moving\",\"UserStatus\":\"UNCONFIRMED\",\"Enabled\":true,\"UserAttributes\":[]}"));
		this.wire.onAny("AdminConfirmSignUp", CognitoWire.ok("{}"));
		String token = admin();
		appendLinks(ChainWalk.BATCH + 500);
		// The checkpoint at the head: incremental verifications in the burst are short.
		assertThat(this.auditTrail.incrementalVerification().path("valid").asBoolean()).isTrue();
		CountDownLatch firstThird = new CountDownLatch(CONFIRMS / 3);
		CountDownLatch secondThird = new CountDownLatch(2 * CONFIRMS / 3);
		ExecutorService callers = Executors.newFixedThreadPool(CONFIRMS + 1);
		// The purge deletes every completed link so far, twice while the confirms run.
		CompletableFuture<Void> purges = CompletableFuture.runAsync(() -> {
			AuditRetention retention = new AuditRetention(this.repository,
					new AuditProperties(Duration.ofDays(1), "-", Duration.ofMinutes(5), Duration.ofSeconds(30)),
					Clock.offset(Clock.systemUTC(), Duration.ofDays(1)));
			for (CountDownLatch reached : List.of(firstThird, secondThird)) {
				try {
					reached.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				retention.purge();
			}
		}, callers);
		List<CompletableFuture<ResponseEntity<JsonNode>>> confirms = new ArrayList<>();
		for (int i = 0; i < CONFIRMS; i++) {
			String username = prefix + "-" + i;
			confirms.add(CompletableFuture.supplyAsync(
					() -> this.api.adminConfirm(TestPools.CUSTOMERS, token, Map.of("username", username)), callers)
				.whenComplete((response, failure) -> {
					firstThird.countDown();
					secondThird.countDown();
				}));
		}
		CompletableFuture<Void> all = CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new));

		// Three auditors, each bounded in count and time: the old verification reported a
		// break that was not there in 2 to 6 of the 20 calls they made in the second or
		// two the confirms took (PostgreSQL, three runs of three).
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		ExecutorService auditors = Executors.newFixedThreadPool(AUDITORS);
		List<CompletableFuture<List<ResponseEntity<JsonNode>>>> loops = new ArrayList<>();
		for (int auditor = 0; auditor < AUDITORS; auditor++) {
			loops.add(CompletableFuture.supplyAsync(() -> verifyWhile(all, deadline), auditors));
		}
		List<ResponseEntity<JsonNode>> whileMoving = new ArrayList<>();
		for (CompletableFuture<List<ResponseEntity<JsonNode>>> loop : loops) {
			whileMoving.addAll(loop.get(90, TimeUnit.SECONDS));
		}
		all.get(120, TimeUnit.SECONDS);
		purges.get(30, TimeUnit.SECONDS);
		auditors.shutdown();
		callers.shutdown();

		// A 429 asked an auditor to come back while another's verification ran.
		List<ResponseEntity<JsonNode>> verdicts = whileMoving.stream()
			.filter((answer) -> answer.getStatusCode().value() != 429)
			.toList();
		assertThat(verdicts).allSatisfy((verdict) -> {
			assertThat(verdict.getStatusCode().value()).isEqualTo(200);
			assertThat(verdict.getBody().path("valid").asBoolean()).as("%s", verdict.getBody()).isTrue();
		});
		assertThat(verdicts).as("verdicts while the chain moved").hasSizeGreaterThanOrEqualTo(2);
		assertThat(whileMoving).filteredOn((answer) -> answer.getStatusCode().value() == 429)
			.allSatisfy((throttled) -> ProblemAssert.assertProblem(throttled, 429, "THROTTLED"));
		// Each call appended its event, whatever it answered (a loaded machine times some
		// out).
		assertThat(confirms)
			.allSatisfy((call) -> assertThat(call.get().getBody().path("auditEventId").asString()).isNotEmpty());
		assertThat(this.auditTrail.verification().path("valid").asBoolean()).isTrue();
	}

	@Test
	void verificationWhileAnotherInstanceVerifiesThenThrottledWithRetryAfter() throws Exception {
		ResponseEntity<JsonNode> incremental;
		ResponseEntity<JsonNode> full;
		// What a verification running in another instance holds.
		try (Connection other = this.database.connect()) {
			other.setAutoCommit(false);
			try (Statement statement = other.createStatement()) {
				statement.executeQuery("SELECT verified_seq FROM audit_chain_checkpoint WHERE id = 1 FOR UPDATE");
				incremental = this.auditTrail.verificationResponse("");
				full = this.auditTrail.verificationResponse("?full=true");
			}
			finally {
				other.rollback();
			}
		}

		for (ResponseEntity<JsonNode> throttled : List.of(incremental, full)) {
			ProblemAssert.assertProblem(throttled, 429, "THROTTLED");
			assertThat(throttled.getHeaders().getFirst("Retry-After")).isEqualTo("2");
		}
		assertThat(this.auditTrail.verificationResponse("").getBody().path("valid").asBoolean()).isTrue();
	}

	@Test
	void verificationWhenRequestedConcurrentlyThenEachAVerdictOrThrottled() throws Exception {
		ExecutorService auditors = Executors.newFixedThreadPool(6);
		List<CompletableFuture<ResponseEntity<JsonNode>>> calls = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			calls
				.add(CompletableFuture.supplyAsync(() -> this.auditTrail.verificationResponse("?full=true"), auditors));
		}
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		auditors.shutdown();

		List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
		for (CompletableFuture<ResponseEntity<JsonNode>> call : calls) {
			answers.add(call.get());
		}
		assertThat(answers).allSatisfy((answer) -> {
			if (answer.getStatusCode().value() == 200) {
				assertThat(answer.getBody().path("valid").asBoolean()).isTrue();
			}
			else {
				ProblemAssert.assertProblem(answer, 429, "THROTTLED");
				assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("2");
			}
		});
		assertThat(answers).anySatisfy((answer) -> assertThat(answer.getStatusCode().value()).isEqualTo(200));
	}

	/**
	 * Verifications, one in four of them full, until the chain stops moving (at most 30).
	 */
	private List<ResponseEntity<JsonNode>> verifyWhile(CompletableFuture<?> moving, long deadline) {
		List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
		for (int i = 0; i < 30 && !moving.isDone() && System.nanoTime() < deadline; i++) {
			ResponseEntity<JsonNode> answer = this.auditTrail.verificationResponse((i % 4 == 3) ? "?full=true" : "");
			answers.add(answer);
			if (answer.getStatusCode().value() == 429) {
				// not the Retry-After: the next sample should still fall within the burst
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
			}
		}
		return answers;
	}

	/**
	 * Links written as completions are, so that a walk of the whole chain reads it in
	 * more than one batch, as it does in production.
	 */
	private void appendLinks(int count) throws Exception {
		ExecutorService writers = Executors.newFixedThreadPool(16);
		List<CompletableFuture<Void>> writes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			// every other link carries the identity and job columns, hashed as their own
			// group
			boolean identified = i % 2 == 0;
			AuditCompletion failed = AuditCompletion.failed(ProblemCode.FORBIDDEN, null, null);
			AuditEvent event = AuditEvent
				.pending(AuditAction.ADMIN_CONFIRM_SIGN_UP, new AuditEvent.Actor("filler", null, null, Set.of()),
						AuditEvent.Target.asGiven(TestPools.CUSTOMERS, "filler-" + i, null), null, List.of(), "filler",
						null, null, identified ? UUID.randomUUID() : null)
				.complete(identified ? failed.identified("canonical-" + i, "sub-" + i) : failed, false);
			writes.add(CompletableFuture.runAsync(() -> this.repository.complete(event), writers));
		}
		CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		writers.shutdown();
	}

}
