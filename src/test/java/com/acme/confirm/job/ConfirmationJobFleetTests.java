package com.acme.confirm.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.acme.confirm.support.CognitoRateLimit;
import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.EmbeddedRedisServer;
import com.acme.confirm.support.IdentityProvider;
import com.acme.confirm.support.ServiceProcess;
import com.acme.confirm.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Two replicas as processes of their own on one PostgreSQL and one Redis run a 2,000-user
 * job, and one of them is killed (SIGKILL) a quarter of the way through: the survivor
 * takes over its lanes once their heartbeats stop, the job ends with every item confirmed
 * exactly once on record (one CONFIRMED audit event per user, none left PENDING), the
 * chain verifies, and no second at Cognito held more than the jobs' share of the budget.
 * WireMock stands in for Cognito: AdminGetUser answers UNCONFIRMED as Cognito does for a
 * user not confirmed yet, and AdminConfirmSignUp is refused with
 * TooManyRequestsException, as Cognito does, past the budget. (A stand-in without state
 * still says UNCONFIRMED after a dead replica's call went out, so such an item is called
 * again here, where real Cognito would show it CONFIRMED: InterruptedItemTests covers
 * that against the emulator.)
 */
@Tag("integration")
@ExtendWith(TestDatabase.Required.class)
class ConfirmationJobFleetTests {

	private static final Logger log = LoggerFactory.getLogger(ConfirmationJobFleetTests.class);

	private static final int BUDGET = 50;

	private static final double SHARE = 0.8;

	private static final int USERS = 2000;

	private static EmbeddedRedisServer redis;

	private static ServiceProcess doomed;

	private static ServiceProcess survivor;

	private final CognitoWire wire = CognitoWire.get();

	private final IdentityProvider idp = IdentityProvider.get();

	private final TestDatabase database = TestDatabase.get();

	@BeforeAll
	static void startTwoReplicas() throws Exception {
		assumeFalse(TestDatabase.isH2(), "a fleet shares PostgreSQL");
		redis = EmbeddedRedisServer.launch();
		String[] shared = { "--confirm.scheduler.enabled=true", "--confirm.scheduler.threads=4",
				"--confirm.scheduler.polling-interval=500ms", "--confirm.scheduler.heartbeat-interval=1s",
				"--confirm.scheduler.missed-heartbeats-limit=4", "--confirm.cognito.budget-redis-url=" + redis.url(),
				"--confirm.cognito.max-requests-per-second=" + BUDGET,
				"--confirm.cognito.user-read-requests-per-second=500", "--confirm.cognito.expected-replicas=2",
				"--confirm.jobs.budget-share=" + SHARE, "--confirm.jobs.slice=3s", "--confirm.audit.reconcile-after=1h",
				"--logging.level.com.acme.confirm=info" };
		doomed = ServiceProcess.replica("job-fleet-doomed", CognitoWire.get().endpoint(), shared);
		survivor = ServiceProcess.replica("job-fleet-survivor", CognitoWire.get().endpoint(), shared);
	}

	@AfterAll
	static void stopThem() throws Exception {
		for (ServiceProcess replica : new ServiceProcess[] { doomed, survivor }) {
			if (replica != null) {
				replica.terminate();
			}
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void jobWhenOneReplicaKilledMidJobThenSurvivorFinishesItEveryItemOnceWithinTheShare() throws Exception {
		this.wire.reset();
		// as real Cognito: AdminGetUser names the user asked for (the canonical username)
		this.wire.onAny("AdminGetUser",
				CognitoWire
					.ok("{\"Username\":\"{{jsonPath request.body '$.Username'}}\",\"UserStatus\":\"UNCONFIRMED\","
							+ "\"Enabled\":true,\"UserAttributes\":[]}")
					.withTransformers("response-template"));
		CognitoRateLimit quota = this.wire.limitRate("AdminConfirmSignUp", BUDGET, Duration.ofMillis(850),
				CognitoWire.ok("{}"));
		String admin = this.idp.token("admin-1", "user-admin");
		List<String> usernames = new ArrayList<>();
		String run = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < USERS; i++) {
			usernames.add("fleet-job-" + run + "-" + i);
		}

		UUID jobId = JobTestSupport.jobId(
				JobTestSupport.create(doomed.api(), admin, Map.of("usernames", usernames, "reason", "INC-10 fleet")));
		awaitConfirmed(jobId, admin, USERS / 4, Duration.ofMinutes(3));
		doomed.kill();
		long killedAt = System.nanoTime();
		long confirmedAtKill = confirmed(jobId, admin);
		long resumedAt = 0;
		JsonNode job = null;
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (System.nanoTime() < deadline) {
			job = JobTestSupport.job(survivor.api(), admin, jobId).getBody();
			if (resumedAt == 0 && job.path("counts").path("confirmed").asLong() > confirmedAtKill + 50) {
				resumedAt = System.nanoTime();
			}
			if (job.path("state").asString().equals("SUCCEEDED")) {
				break;
			}
			Thread.sleep(500);
		}
		log.info("Job of {} items: survivor went on {} ms after the SIGKILL; {}", USERS,
				(resumedAt - killedAt) / 1_000_000, job);

		assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.path("counts").path("confirmed").asLong()).isEqualTo(USERS);
		assertThat(job.path("counts").path("remaining").asLong()).isZero();
		assertThat(this.database.rows("SELECT COUNT(*) FROM confirmation_job_item WHERE job_id = ? AND state = 'DONE' "
				+ "AND outcome = 'CONFIRMED'", jobId))
			.containsExactly(List.of(Integer.toString(USERS)));
		// one CONFIRMED event per user, and it is the one its item names
		assertThat(this.database.rows("SELECT COUNT(*), COUNT(DISTINCT target_username) FROM audit_event "
				+ "WHERE job_id = ? AND outcome = 'CONFIRMED'", jobId))
			.containsExactly(List.of(Integer.toString(USERS), Integer.toString(USERS)));
		assertThat(this.database.rows("SELECT COUNT(*) FROM confirmation_job_item i JOIN audit_event e "
				+ "ON e.id = i.audit_event_id WHERE i.job_id = ? AND e.outcome = 'CONFIRMED' "
				+ "AND e.target_username = i.username", jobId))
			.containsExactly(List.of(Integer.toString(USERS)));
		assertThat(
				this.database.rows("SELECT COUNT(*) FROM audit_event WHERE job_id = ? AND outcome = 'PENDING'", jobId))
			.containsExactly(List.of("0"));
		assertThat(quota.throttled()).isZero();
		List<Long> sent = this.wire.requests("AdminConfirmSignUp")
			.stream()
			.map((request) -> request.getLoggedDate().getTime())
			.sorted()
			.toList();
		// The quota above held the budget per window at the stand-in. The jobs' share is
		// paced when an item starts; with several items in flight per lane, an item's
		// AdminConfirmSignUp leaves after its AdminGetUser, whose time varies, so sends
		// may bunch for a moment (never past the budget). Over any five seconds' worth of
		// the share they keep to it: 200 requests take at least 4.75 s (ideal: 5.15 s).
		int fiveSeconds = (int) (BUDGET * SHARE * 5);
		for (int i = 0; i + fiveSeconds < sent.size(); i++) {
			assertThat(sent.get(i + fiveSeconds) - sent.get(i)).as("request %d and %d", i, i + fiveSeconds)
				.isGreaterThanOrEqualTo(4750);
		}
		JsonNode verification = survivor.api()
			.exchange(HttpMethod.GET, "/api/v1/audit-events/verification?full=true",
					this.idp.token("auditor-1", "auditor"), null, Map.of())
			.getBody();
		assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
	}

	private void awaitConfirmed(UUID jobId, String token, long count, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (confirmed(jobId, token) < count && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
	}

	private long confirmed(UUID jobId, String token) {
		return JobTestSupport.job(survivor.api(), token, jobId).getBody().path("counts").path("confirmed").asLong();
	}

}
