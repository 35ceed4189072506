package com.acme.confirm.job;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.acme.confirm.cognito.JobBudget;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs over HTTP against the emulator: each item is confirmed as adminConfirmSignUp would
 * and audited, a dry run changes nothing, a CSV upload is read as a stream, bad input is
 * refused before anything is created, and a job can be paused, resumed and cancelled. The
 * lanes are run on the test's thread as the scheduler would run them.
 */
class ConfirmationJobTests extends IntegrationTests {

	private final JobLanes lanes;

	private final JobProperties properties;

	private final JobRetention retention;

	private final JobBudget budget;

	ConfirmationJobTests(JobLanes lanes, JobProperties properties, JobRetention retention, JobBudget budget) {
		this.lanes = lanes;
		this.properties = properties;
		this.retention = retention;
		this.budget = budget;
	}

	@AfterEach
	void leaveNoJobRunning() {
		JobTestSupport.cancelUnfinished(this.database);
	}

	@Test
	void jobWhenMixedUsersThenEachItemHasTheOutcomeAdminConfirmWouldGiveAndItsOwnAuditEvent() {
		String fresh = newUsername("job-fresh");
		this.cognito.signUp(fresh, fresh + "@example.com");
		String done = newUsername("job-done");
		this.cognito.signUp(done, done + "@example.com");
		this.cognito.client().adminConfirmSignUp((request) -> request.userPoolId(TestPools.CUSTOMERS).username(done));
		String missing = newUsername("job-missing");
		String invited = newUsername("job-invited");
		this.cognito.adminCreateUser(invited);
		List<String> usernames = List.of(fresh, done, missing, invited);

		ResponseEntity<JsonNode> created = JobTestSupport.create(this.api, admin(), Map.of("usernames", usernames,
				"reason", "INC-7 lost codes", "clientMetadata", Map.of("ticket", "INC-7")));

		assertThat(created.getStatusCode().value()).isEqualTo(202);
		UUID jobId = JobTestSupport.jobId(created);
		assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/confirmation-jobs/" + jobId);
		assertThat(created.getBody().path("state").asString()).isEqualTo("QUEUED");
		assertThat(created.getBody().path("counts").path("total").asLong()).isEqualTo(4);
		assertThat(created.getBody().path("counts").path("remaining").asLong()).isEqualTo(4);
		assertThat(created.getBody().path("estimatedCompletionAt").isMissingNode()).isFalse();
		assertThat(this.wire.requests("AdminGetUser")).isEmpty();

		assertThat(JobTestSupport.runLanes(this.lanes, jobId, this.properties.lanes())).isTrue();

		JsonNode job = JobTestSupport.job(this.api, admin(), jobId).getBody();
		assertThat(job.path("state").asString()).isEqualTo("COMPLETED_WITH_FAILURES");
		assertThat(job.path("counts").path("confirmed").asLong()).isEqualTo(1);
		assertThat(job.path("counts").path("alreadyConfirmed").asLong()).isEqualTo(1);
		assertThat(job.path("counts").path("failed").asLong()).isEqualTo(2);
		assertThat(job.path("counts").path("remaining").asLong()).isZero();
		assertThat(job.path("percentDone").asDouble()).isEqualTo(100.0);
		assertThat(job.path("startedAt").isMissingNode()).isFalse();
		assertThat(job.path("finishedAt").isMissingNode()).isFalse();
		assertThat(this.cognito.status(fresh)).isEqualTo("CONFIRMED");
		assertThat(this.cognito.status(invited)).isEqualTo("FORCE_CHANGE_PASSWORD");

		JsonNode items = JobTestSupport.get(this.api, admin(), "/api/v1/confirmation-jobs/" + jobId + "/items")
			.getBody()
			.path("items");
		assertThat(items.findValuesAsString("username")).containsExactlyElementsOf(usernames);
		assertThat(items.get(0).path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(items.get(1).path("outcome").asString()).isEqualTo("ALREADY_CONFIRMED");
		assertProblem(items.get(2).path("problem"), 404, "USER_NOT_FOUND");
		assertProblem(items.get(3).path("problem"), 409, "USER_NOT_CONFIRMABLE");
		for (int i = 0; i < usernames.size(); i++) {
			List<Map<String, Object>> rows = auditRows(usernames.get(i));
			assertThat(rows).as(usernames.get(i)).singleElement().satisfies((row) -> {
				assertThat(row.get("action")).isEqualTo("ADMIN_CONFIRM_SIGN_UP");
				assertThat(row.get("reason")).isEqualTo("INC-7 lost codes");
				assertThat(row.get("actor_subject")).isEqualTo("admin-1");
				assertThat(row.get("job_id")).isEqualTo(jobId);
				assertThat(row.get("correlation_id")).isEqualTo(created.getHeaders().getFirst("X-Correlation-Id"));
			});
			assertThat(rows.get(0).get("id")).hasToString(items.get(i).path("auditEventId").asString());
		}
		assertThat(this.database.rows("SELECT action, outcome, job_id FROM audit_event WHERE id = ?",
				UUID.fromString(created.getBody().path("auditEventId").asString())))
			.containsExactly(List.of("CREATE_CONFIRMATION_JOB", "SUCCEEDED", jobId.toString()));
		assertThat(this.wire.requests("AdminConfirmSignUp", done)).isEmpty();

		ResponseEntity<JsonNode> failedOnly = JobTestSupport.get(this.api, admin(),
				"/api/v1/confirmation-jobs/" + jobId + "/items?outcome=FAILED&pageSize=1");
		assertThat(failedOnly.getBody().path("items").findValuesAsString("username")).containsExactly(missing);
		ResponseEntity<JsonNode> nextPage = JobTestSupport.get(this.api, admin(),
				"/api/v1/confirmation-jobs/" + jobId + "/items?outcome=FAILED&pageSize=1&pageToken="
						+ failedOnly.getBody().path("nextPageToken").asString());
		assertThat(nextPage.getBody().path("items").findValuesAsString("username")).containsExactly(invited);
		assertThat(nextPage.getBody().path("nextPageToken").isMissingNode()).isTrue();

		ResponseEntity<JsonNode> csv = this.api.exchange(HttpMethod.GET,
				"/api/v1/confirmation-jobs/" + jobId + "/items", admin(), null, Map.of("Accept", "text/csv"));
		assertThat(csv.getStatusCode().value()).isEqualTo(200);
		assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
	}

	@Test
	void estimateWhenTwoJobsShareTheBudgetThenTheLargerGetsAllOfItOnceTheSmallerEnds() {
		JobTestSupport.cancelUnfinished(this.database);
		UUID small = JobTestSupport.jobId(JobTestSupport.create(this.api, admin(),
				Map.of("usernames", IntStream.range(0, 1000).mapToObj((i) -> newUsername("job-small")).toList())));
		UUID large = JobTestSupport.jobId(JobTestSupport.create(this.api, admin(),
				Map.of("usernames", IntStream.range(0, 3000).mapToObj((i) -> newUsername("job-large")).toList())));
		double perSecond = this.budget.itemsPerSecond(this.properties.budgetShare());

		Instant smallEnds = Instant
			.parse(JobTestSupport.job(this.api, admin(), small).getBody().path("estimatedCompletionAt").asString());
		Instant largeEnds = Instant
			.parse(JobTestSupport.job(this.api, admin(), large).getBody().path("estimatedCompletionAt").asString());

		// both at half the rate until the small one's 1,000 are done (2,000 items' time),
		// then the large one's last 2,000 at the whole rate: 4,000 items' time in all; an
		// even split for the whole run would say 6,000
		long expectedGapMillis = Math.round(2000 * 1000 / perSecond);
		assertThat(Duration.between(smallEnds, largeEnds).toMillis()).isBetween(expectedGapMillis - 1000,
				expectedGapMillis + 1000);
		assertThat(Duration.between(Instant.now(), largeEnds).toMillis())
			.isLessThan(Math.round(5000 * 1000 / perSecond));
	}

	@Test
	void retentionWhenAJobEndedLongerAgoThenItsItemsGoABoundedPartAtATimeThenTheJobAndItsAuditStays() {
		List<String> old = IntStream.range(0, 3).mapToObj((i) -> newUsername("job-expired")).toList();
		UUID expired = JobTestSupport.jobId(JobTestSupport.create(this.api, admin(), Map.of("usernames", old)));
		UUID recent = JobTestSupport
			.jobId(JobTestSupport.create(this.api, admin(), Map.of("usernames", List.of(newUsername("job-kept")))));
		JobTestSupport.runLanes(this.lanes, expired, this.properties.lanes());
		JobTestSupport.runLanes(this.lanes, recent, this.properties.lanes());
		this.database.update("UPDATE confirmation_job SET finished_at = ? WHERE id = ?",
				OffsetDateTime.now().minus(this.properties.retention()).minusMinutes(1), expired);

		// gone for callers at once, while its rows go a part at a time
		assertProblem(JobTestSupport.job(this.api, admin(), expired), 404, "CONFIRMATION_JOB_NOT_FOUND");
		assertProblem(JobTestSupport.get(this.api, admin(), "/api/v1/confirmation-jobs/" + expired + "/items"), 404,
				"CONFIRMATION_JOB_NOT_FOUND");
		assertThat(this.retention.purge(2)).isEqualTo(2);
		assertThat(itemCount(expired)).isEqualTo(1);
		assertThat(this.database.rows("SELECT COUNT(*) FROM confirmation_job WHERE id = ?", expired))
			.containsExactly(List.of("1"));

		this.retention.purge(1000);
		assertThat(itemCount(expired)).isZero();
		assertThat(this.database.rows("SELECT COUNT(*) FROM confirmation_job WHERE id = ?", expired))
			.containsExactly(List.of("0"));
		assertThat(JobTestSupport.job(this.api, admin(), recent).getBody().path("counts").path("total").asLong())
			.isEqualTo(1);
		assertThat(itemCount(recent)).isEqualTo(1);
		assertThat(this.database.rows("SELECT COUNT(*) FROM audit_event WHERE job_id = ? AND action = ?", expired,
				"ADMIN_CONFIRM_SIGN_UP"))
			.containsExactly(List.of("3"));
	}

	private long itemCount(UUID jobId) {
		return Long.parseLong(
				this.database.rows("SELECT COUNT(*) FROM confirmation_job_item WHERE job_id = ?", jobId).get(0).get(0));
	}

	@Test
	void exportWhenAcceptCsvThenEveryItemOneLineEach() {
		List<String> usernames = IntStream.range(0, 3).mapToObj((i) -> newUsername("job-export,\"" + i)).toList();
		UUID jobId = JobTestSupport.jobId(JobTestSupport.create(this.api, admin(), Map.of("usernames", usernames)));
		JobTestSupport.runLanes(this.lanes, jobId, this.properties.lanes());

		String csv = this.api.exchange(HttpMethod.GET, "/api/v1/confirmation-jobs/" + jobId + "/items", admin(), null,
				Map.of("Accept", "text/csv")) == null ? null : exportText(jobId);

		List<String> lines = csv.lines().toList();
		assertThat(lines.get(0)).isEqualTo("username,outcome,errorCode,auditEventId,completedAt");
		assertThat(lines).hasSize(4);
		for (int i = 0; i < usernames.size(); i++) {
			assertThat(lines.get(i + 1))
				.startsWith("\"" + usernames.get(i).replace("\"", "\"\"") + "\",,USER_NOT_FOUND,");
		}
	}

	@Test
	void dryRunWhenUsersUnconfirmedThenWouldConfirmAndNothingChanged() {
		String fresh = newUsername("dry-fresh");
		this.cognito.signUp(fresh, fresh + "@example.com");
		String done = newUsername("dry-done");
		this.cognito.signUp(done, done + "@example.com");
		this.cognito.client().adminConfirmSignUp((request) -> request.userPoolId(TestPools.CUSTOMERS).username(done));

		UUID jobId = JobTestSupport
			.jobId(JobTestSupport.create(this.api, admin(), Map.of("usernames", List.of(fresh, done), "dryRun", true)));
		assertThat(JobTestSupport.runLanes(this.lanes, jobId, this.properties.lanes())).isTrue();

		JsonNode job = JobTestSupport.job(this.api, admin(), jobId).getBody();
		assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.path("dryRun").asBoolean()).isTrue();
		assertThat(job.path("counts").path("wouldConfirm").asLong()).isEqualTo(1);
		assertThat(job.path("counts").path("alreadyConfirmed").asLong()).isEqualTo(1);
		assertThat(this.cognito.status(fresh)).isEqualTo("UNCONFIRMED");
		assertThat(this.wire.requests("AdminConfirmSignUp")).isEmpty();
		assertThat(auditRows(fresh)).isEmpty();
	}

	@Test
	void uploadWhenCsvStreamThenItemsInOrderWithHeaderAndQuotesHandled() {
		String plain = newUsername("csv-plain");
		String comma = newUsername("csv,comma");
		this.cognito.signUp(plain, plain + "@example.com");
		String csv = "username\r\n" + plain + "\r\n\"" + comma + "\"\r\n\r\n";

		ResponseEntity<JsonNode> created = JobTestSupport.upload(this.api, admin(), "?reason=INC-8&dryRun=true", csv);

		assertThat(created.getStatusCode().value()).as(created.toString()).isEqualTo(202);
		UUID jobId = JobTestSupport.jobId(created);
		assertThat(created.getBody().path("counts").path("total").asLong()).isEqualTo(2);
		JobTestSupport.runLanes(this.lanes, jobId, this.properties.lanes());
		JsonNode items = JobTestSupport.get(this.api, admin(), "/api/v1/confirmation-jobs/" + jobId + "/items")
			.getBody()
			.path("items");
		assertThat(items.findValuesAsString("username")).containsExactly(plain, comma);
		assertThat(items.get(0).path("outcome").asString()).isEqualTo("WOULD_CONFIRM");
		assertProblem(items.get(1).path("problem"), 404, "USER_NOT_FOUND");
	}

	@Test
	void createWhenBodyOverTheSingleOperationsLimitThenTheJobsOwnLimitsApply() {
		// 5,000 usernames: past the 64 KB of a single operation, within a job's limits
		List<String> many = IntStream.range(0, 5000).mapToObj((i) -> "limit-user-" + i).toList();
		String csv = String.join("\n", many) + "\n";
		// 10,000 valid usernames of 2-byte letters: past the 2 MB of a JSON job
		List<String> tooLong = IntStream.range(0, 10_000).mapToObj((i) -> "ë".repeat(120) + i).toList();
		long before = JobTestSupport.jobCount(this.database);

		ResponseEntity<JsonNode> listed = JobTestSupport.create(this.api, admin(),
				Map.of("usernames", many, "dryRun", true));
		ResponseEntity<JsonNode> uploaded = JobTestSupport.upload(this.api, admin(), "?dryRun=true", csv);
		ResponseEntity<JsonNode> overJobLimit = JobTestSupport.create(this.api, admin(),
				Map.of("usernames", tooLong, "dryRun", true, "reason", "x".repeat(400)));

		assertThat(csv.length()).isGreaterThan(64 * 1024);
		assertThat(listed.getStatusCode().value()).as(listed.toString()).isEqualTo(202);
		assertThat(listed.getBody().path("counts").path("total").asLong()).isEqualTo(5000);
		assertThat(uploaded.getStatusCode().value()).as(uploaded.toString()).isEqualTo(202);
		assertThat(uploaded.getBody().path("counts").path("total").asLong()).isEqualTo(5000);
		assertProblem(overJobLimit, 413, "PAYLOAD_TOO_LARGE");
		assertThat(JobTestSupport.jobCount(this.database)).isEqualTo(before + 2);
		JobTestSupport.action(this.api, admin(), JobTestSupport.jobId(listed), "cancel");
		JobTestSupport.action(this.api, admin(), JobTestSupport.jobId(uploaded), "cancel");
	}

	static Stream<Arguments> badInput() {
		List<String> tooMany = IntStream.range(0, JobLimits.INLINE_USERNAMES_MAX + 1).mapToObj((i) -> "u" + i).toList();
		return Stream.of(
				Arguments.of("unknown pool", TestPools.UNMANAGED, Map.of("usernames", List.of("a")), 404,
						"USER_POOL_NOT_MANAGED"),
				Arguments.of("reason missing", TestPools.PARTNERS, Map.of("usernames", List.of("a")), 400,
						"REASON_REQUIRED"),
				Arguments.of("duplicates", TestPools.CUSTOMERS, Map.of("usernames", List.of("a", "b", "a")), 400,
						"VALIDATION_FAILED"),
				Arguments.of("over-long list", TestPools.CUSTOMERS, Map.of("usernames", tooMany), 400,
						"VALIDATION_FAILED"),
				Arguments.of("empty list", TestPools.CUSTOMERS, Map.of("usernames", List.of()), 400,
						"VALIDATION_FAILED"),
				Arguments.of("neither list nor query", TestPools.CUSTOMERS, Map.of("reason", "x"), 400,
						"VALIDATION_FAILED"),
				Arguments.of("list and query", TestPools.CUSTOMERS,
						Map.of("usernames", List.of("a"), "query", Map.of()), 400, "VALIDATION_FAILED"),
				Arguments.of("inverted window", TestPools.CUSTOMERS,
						Map.of("query",
								Map.of("createdAfter", "2026-12-01T00:00:00Z", "createdBefore",
										"2026-11-30T00:00:00Z")),
						400, "VALIDATION_FAILED"),
				Arguments.of("invalid username", TestPools.CUSTOMERS, Map.of("usernames", List.of("has space")), 400,
						"VALIDATION_FAILED"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badInput")
	void createWhenBadInputThenProblemAndNoJob(String name, String userPoolId, Map<String, Object> body, int status,
			String code) {
		long before = JobTestSupport.jobCount(this.database);

		ResponseEntity<JsonNode> response = JobTestSupport.create(this.api, admin(), userPoolId, body);

		assertProblem(response, status, code);
		assertThat(JobTestSupport.jobCount(this.database)).isEqualTo(before);
		assertThat(this.wire.requests("ListUsers")).isEmpty();
	}

	static Stream<Arguments> badCsv() {
		StringBuilder repeatedLate = new StringBuilder();
		for (int i = 0; i < 2500; i++) {
			repeatedLate.append("late-").append(i).append('\n');
		}
		repeatedLate.append("late-7\n");
		return Stream.of(Arguments.of("empty", ""), Arguments.of("header only", "username\n"),
				Arguments.of("not a username", "good\nhas space\n"), Arguments.of("line too long", "x".repeat(5000)),
				Arguments.of("repeated in one chunk", "a\nb\na\n"),
				Arguments.of("repeated across chunks", repeatedLate.toString()),
				Arguments.of("unbalanced quote", "\"a\"b\"\n"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badCsv")
	void uploadWhenBadCsvThenValidationFailedAndNoItemKept(String name, String csv) {
		long before = JobTestSupport.jobCount(this.database);

		ResponseEntity<JsonNode> response = JobTestSupport.upload(this.api, admin(), "", csv);

		assertProblem(response, 400, "VALIDATION_FAILED");
		assertThat(response.getBody().path("auditEventId").isMissingNode()).isFalse();
		assertThat(JobTestSupport.jobCount(this.database)).isEqualTo(before);
		assertThat(this.database.rows("SELECT COUNT(*) FROM confirmation_job_item WHERE username LIKE 'late-%'"))
			.containsExactly(List.of("0"));
	}

	@Test
	void pauseResumeCancelWhenAskedThenLanesStopGoOnAndEnd() {
		List<String> usernames = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String username = newUsername("job-pause-" + i);
			this.cognito.signUp(username, username + "@example.com");
			usernames.add(username);
		}
		UUID jobId = JobTestSupport.jobId(JobTestSupport.create(this.api, admin(), Map.of("usernames", usernames)));

		ResponseEntity<JsonNode> paused = JobTestSupport.action(this.api, admin(), jobId, "pause");
		assertThat(paused.getBody().path("state").asString()).isEqualTo("PAUSED");
		assertThat(JobTestSupport.action(this.api, admin(), jobId, "pause").getBody().path("state").asString())
			.isEqualTo("PAUSED");
		assertThat(JobTestSupport.runLanes(this.lanes, jobId, this.properties.lanes())).isFalse();
		assertThat(this.wire.requests("AdminGetUser")).isEmpty();
		assertThat(JobTestSupport.job(this.api, admin(), jobId).getBody().path("estimatedCompletionAt").isMissingNode())
			.isTrue();

		ResponseEntity<JsonNode> resumed = JobTestSupport.action(this.api, admin(), jobId, "resume");
		assertThat(resumed.getBody().path("state").asString()).isEqualTo("RUNNING");
		assertThat(JobTestSupport.runLanes(this.lanes, jobId, this.properties.lanes())).isTrue();
		assertThat(JobTestSupport.job(this.api, admin(), jobId).getBody().path("state").asString())
			.isEqualTo("SUCCEEDED");
		usernames.forEach((username) -> assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED"));

		assertProblem(JobTestSupport.action(this.api, admin(), jobId, "cancel"), 409,
				"CONFIRMATION_JOB_STATE_CONFLICT");
		assertProblem(JobTestSupport.action(this.api, admin(), jobId, "resume"), 409,
				"CONFIRMATION_JOB_STATE_CONFLICT");
		List<String> actions = this.database
			.rows("SELECT action, outcome FROM audit_event WHERE job_id = ? AND action <> 'ADMIN_CONFIRM_SIGN_UP' "
					+ "ORDER BY occurred_at", jobId)
			.stream()
			.map((row) -> row.get(0) + ":" + row.get(1))
			.toList();
		assertThat(actions).containsExactly("CREATE_CONFIRMATION_JOB:SUCCEEDED", "PAUSE_CONFIRMATION_JOB:SUCCEEDED",
				"PAUSE_CONFIRMATION_JOB:SUCCEEDED", "RESUME_CONFIRMATION_JOB:SUCCEEDED",
				"CANCEL_CONFIRMATION_JOB:FAILED", "RESUME_CONFIRMATION_JOB:FAILED");
	}

	@Test
	void cancelWhenQueuedThenNoItemAttemptedAndRemainingKept() {
		String username = newUsername("job-cancel");
		this.cognito.signUp(username, username + "@example.com");
		UUID jobId = JobTestSupport.jobId(JobTestSupport.create(this.api, admin(),
				Map.of("usernames", List.of(username), "clientMetadata", Map.of("ticket", "secret-value-1"))));
		String kept = this.database.rows("SELECT client_metadata FROM confirmation_job WHERE id = ?", jobId)
			.get(0)
			.get(0);

		ResponseEntity<JsonNode> cancelled = JobTestSupport.action(this.api, admin(), jobId, "cancel");

		assertThat(cancelled.getBody().path("state").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.getBody().path("finishedAt").isMissingNode()).isFalse();
		assertThat(cancelled.getBody().path("counts").path("remaining").asLong()).isEqualTo(1);
		assertThat(JobTestSupport.runLanes(this.lanes, jobId, this.properties.lanes())).isTrue();
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
		assertThat(this.wire.requests("AdminGetUser")).isEmpty();
		// kept for the items' triggers while the job may run, dropped once it cannot
		assertThat(kept).contains("secret-value-1");
		assertThat(this.database.rows("SELECT client_metadata FROM confirmation_job WHERE id = ?", jobId).get(0))
			.containsExactly((String) null);
	}

	@Test
	void jobWhenCallerLacksBulkConfirmThenForbiddenAndAuditedDenied() {
		String confirmAdmin = this.idp.token("confirm-admin-1", "confirm-admin");
		long before = JobTestSupport.jobCount(this.database);

		ResponseEntity<JsonNode> denied = JobTestSupport.create(this.api, confirmAdmin,
				Map.of("usernames", List.of(newUsername("job-denied"))));

		assertProblem(denied, 403, "FORBIDDEN");
		assertThat(JobTestSupport.jobCount(this.database)).isEqualTo(before);
		assertThat(this.database.rows(
				"SELECT action, outcome FROM audit_event WHERE actor_subject = 'confirm-admin-1' ORDER BY occurred_at DESC"))
			.first()
			.isEqualTo(List.of("CREATE_CONFIRMATION_JOB", "DENIED"));
		UUID jobId = JobTestSupport
			.jobId(JobTestSupport.create(this.api, admin(), Map.of("usernames", List.of(newUsername("job-own")))));
		assertProblem(JobTestSupport.job(this.api, confirmAdmin, jobId), 403, "FORBIDDEN");
		assertProblem(JobTestSupport.action(this.api, agent(), jobId, "pause"), 403, "FORBIDDEN");
		assertProblem(JobTestSupport.job(this.api, admin(), UUID.randomUUID()), 404, "CONFIRMATION_JOB_NOT_FOUND");
		assertProblem(JobTestSupport.get(this.api, agent(),
				"/api/v1/user-pools/" + TestPools.CUSTOMERS + "/confirmation-jobs"), 403, "FORBIDDEN");
	}

	@Test
	void jobWhenCallerLacksBulkConfirmThenRefusedBeforeTheBodyIsRead() {
		String confirmAdmin = this.idp.token("confirm-admin-2", "confirm-admin");
		// malformed JSON: read, it would answer 400; refused first, it answers 403
		String body = "{\"usernames\": [\"" + "x".repeat(1000) + "\", ";

		ResponseEntity<JsonNode> denied = this.api.exchange(HttpMethod.POST,
				"/api/v1/user-pools/" + TestPools.CUSTOMERS + "/confirmation-jobs", confirmAdmin, body,
				Map.of("Content-Type", "application/json"));

		assertProblem(denied, 403, "FORBIDDEN");
		assertThat(this.database.rows("SELECT action, outcome, target_user_pool_id FROM audit_event "
				+ "WHERE actor_subject = 'confirm-admin-2' ORDER BY occurred_at DESC"))
			.containsExactly(List.of("CREATE_CONFIRMATION_JOB", "DENIED", TestPools.CUSTOMERS));
		assertThat(denied.getBody().path("auditEventId").isMissingNode()).isFalse();
		assertProblem(
				JobTestSupport.create(this.api, admin(), "us-east-1_NotManaged1", Map.of("usernames", List.of("a"))),
				404, "USER_POOL_NOT_MANAGED");
	}

	@Test
	void listWhenSeveralJobsThenNewestFirstPaged() {
		UUID first = JobTestSupport
			.jobId(JobTestSupport.create(this.api, admin(), Map.of("usernames", List.of(newUsername("list-a")))));
		UUID second = JobTestSupport
			.jobId(JobTestSupport.create(this.api, admin(), Map.of("usernames", List.of(newUsername("list-b")))));
		String path = "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/confirmation-jobs?pageSize=1";

		JsonNode page = JobTestSupport.get(this.api, admin(), path).getBody();
		JsonNode next = JobTestSupport
			.get(this.api, admin(), path + "&pageToken=" + page.path("nextPageToken").asString())
			.getBody();

		assertThat(page.path("jobs").get(0).path("jobId").asString()).isEqualTo(second.toString());
		assertThat(next.path("jobs").get(0).path("jobId").asString()).isEqualTo(first.toString());
	}

	private String exportText(UUID jobId) {
		return org.springframework.web.client.RestClient.create()
			.get()
			.uri(this.api.baseUrl() + "/api/v1/confirmation-jobs/" + jobId + "/items")
			.header("Authorization", "Bearer " + admin())
			.header("Accept", "text/csv")
			.retrieve()
			.body(String.class);
	}

}
