package com.acme.confirm.job;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditLog;
import com.acme.confirm.security.Caller;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import com.acme.confirm.web.RequestOrigin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An item left in flight by a replica that died (its attempt's audit event PENDING, or
 * not even written) is settled from Cognito's state before it is tried again: a user the
 * dead attempt confirmed is recorded CONFIRMED once, under that attempt's event, and is
 * not confirmed again; a user it did not reach is confirmed by a new attempt.
 */
class InterruptedItemTests extends IntegrationTests {

	private final JobLanes lanes;

	private final JobProperties properties;

	private final AuditLog auditLog;

	InterruptedItemTests(JobLanes lanes, JobProperties properties, AuditLog auditLog) {
		this.lanes = lanes;
		this.properties = properties;
		this.auditLog = auditLog;
	}

	@AfterEach
	void leaveNoJobRunning() {
		JobTestSupport.cancelUnfinished(this.database);
	}

	@Test
	void itemWhenDeadAttemptConfirmedTheUserThenSettledConfirmedUnderThatEventAndNotCalledAgain() {
		String username = newUsername("interrupted-applied");
		this.cognito.signUp(username, username + "@example.com");
		UUID jobId = job(username);
		UUID attemptId = interruptedAttempt(jobId, username, true);
		// the dead replica's AdminConfirmSignUp reached Cognito
		this.cognito.client()
			.adminConfirmSignUp((request) -> request.userPoolId(TestPools.CUSTOMERS).username(username));

		assertThat(JobTestSupport.runLanes(this.lanes, jobId, this.properties.lanes())).isTrue();

		JsonNode item = items(jobId).get(0);
		assertThat(item.path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(item.path("auditEventId").asString()).isEqualTo(attemptId.toString());
		assertThat(auditRows(username)).singleElement().satisfies((row) -> {
			assertThat(row.get("outcome")).isEqualTo("CONFIRMED");
			assertThat(row.get("reconciled")).isEqualTo(Boolean.TRUE);
		});
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).isEmpty();
	}

	@Test
	void itemWhenDeadAttemptNeverReachedCognitoThenSettledInterruptedAndConfirmedByANewAttempt() {
		String username = newUsername("interrupted-unsent");
		this.cognito.signUp(username, username + "@example.com");
		UUID jobId = job(username);
		UUID attemptId = interruptedAttempt(jobId, username, true);

		assertThat(JobTestSupport.runLanes(this.lanes, jobId, this.properties.lanes())).isTrue();

		JsonNode item = items(jobId).get(0);
		assertThat(item.path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(item.path("auditEventId").asString()).isNotEqualTo(attemptId.toString());
		List<Map<String, Object>> rows = auditRows(username);
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).get("id")).isEqualTo(attemptId);
		assertThat(rows.get(0).get("outcome")).isEqualTo("FAILED");
		assertThat(rows.get(0).get("error_code")).isEqualTo("INTERRUPTED");
		assertThat(rows.stream().filter((row) -> "CONFIRMED".equals(row.get("outcome")))).hasSize(1);
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).hasSize(1);
	}

	@Test
	void itemWhenDeadBeforeItsAuditEventThenConfirmedByANewAttemptWithOneEvent() {
		String username = newUsername("interrupted-unaudited");
		this.cognito.signUp(username, username + "@example.com");
		UUID jobId = job(username);
		interruptedAttempt(jobId, username, false);

		assertThat(JobTestSupport.runLanes(this.lanes, jobId, this.properties.lanes())).isTrue();

		assertThat(items(jobId).get(0).path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(auditRows(username)).singleElement()
			.satisfies((row) -> assertThat(row.get("outcome")).isEqualTo("CONFIRMED"));
	}

	private UUID job(String username) {
		return JobTestSupport
			.jobId(JobTestSupport.create(this.api, admin(), Map.of("usernames", List.of(username), "reason", "INC-9")));
	}

	/** What a replica that died during the item's attempt leaves behind. */
	private UUID interruptedAttempt(UUID jobId, String username, boolean audited) {
		UUID attemptId = UUID.randomUUID();
		this.database.update("UPDATE confirmation_job_item SET state = 'IN_FLIGHT', attempt_id = ? WHERE job_id = ?",
				attemptId, jobId);
		if (audited) {
			this.auditLog.begin(attemptId, AuditAction.ADMIN_CONFIRM_SIGN_UP,
					new Caller("admin-1", null, null, Set.of("user-admin")), new RequestOrigin("127.0.0.1", null),
					TestPools.CUSTOMERS, () -> username, null);
		}
		return attemptId;
	}

	private JsonNode items(UUID jobId) {
		return JobTestSupport.get(this.api, admin(), "/api/v1/confirmation-jobs/" + jobId + "/items")
			.getBody()
			.path("items");
	}

}
