package com.acme.confirm.security;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role against every operation, over HTTP with real tokens: a permitted call
 * confirms the user, a denied one leaves Cognito untouched.
 */
class AuthorizationMatrixTests extends IntegrationTests {

	enum Operation {

		ADMIN_CONFIRM(true), BATCH_ADMIN_CONFIRM(true), CODE_CONFIRM(true), CODE_CONFIRM_FORCING_ALIAS(true),
		GET_USER_STATUS(false);

		private final boolean confirms;

		Operation(boolean confirms) {
			this.confirms = confirms;
		}

	}

	/**
	 * Which operations each role may call on the customers pool (application-test.yaml).
	 */
	private static final Map<String, Set<Operation>> PERMITTED = Map.of("user-admin", EnumSet.allOf(Operation.class),
			"support-agent", EnumSet.of(Operation.CODE_CONFIRM, Operation.GET_USER_STATUS), "auditor",
			EnumSet.noneOf(Operation.class), "", EnumSet.noneOf(Operation.class), "USER-ADMIN",
			EnumSet.noneOf(Operation.class));

	static Stream<Arguments> matrix() {
		return PERMITTED.entrySet()
			.stream()
			.flatMap((role) -> Stream.of(Operation.values())
				.map((operation) -> Arguments.of(role.getKey(), operation,
						role.getValue().contains(operation) ? 200 : 403)));
	}

	@ParameterizedTest(name = "{0} may {1}: {2}")
	@MethodSource("matrix")
	void roleAgainstOperation(String role, Operation operation, int expectedStatus) {
		String username = newUsername("matrix");
		this.cognito.signUp(username, username + "@example.com");
		String token = role.isEmpty() ? this.idp.token("nobody") : this.idp.token("caller-" + role, role);

		ResponseEntity<JsonNode> response = call(operation, token, username);

		assertThat(response.getStatusCode().value()).isEqualTo(expectedStatus);
		if (expectedStatus == 200) {
			assertThat(this.cognito.status(username)).isEqualTo(operation.confirms ? "CONFIRMED" : "UNCONFIRMED");
		}
		else {
			assertProblem(response, expectedStatus, "FORBIDDEN");
			// A refused batch is one event naming its usernames, not one per username.
			List<Map<String, Object>> rows = (operation == Operation.BATCH_ADMIN_CONFIRM) ? this.database
				.rowMaps("SELECT * FROM audit_event WHERE batch_usernames LIKE ?", "%\"" + username + "\"%")
					: auditRows(username);
			assertThat(rows).isNotEmpty().allSatisfy((row) -> assertThat(row.get("outcome")).isEqualTo("DENIED"));
			assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
			assertThat(this.wire.requests("AdminGetUser", username)).isEmpty();
		}
	}

	/** The confirmation job operations, and what each answers when permitted. */
	enum JobOperation {

		CREATE_JOB(202), LIST_JOBS(200), GET_JOB(200), LIST_JOB_ITEMS(200), PAUSE_JOB(200), RESUME_JOB(200),
		CANCEL_JOB(200);

		private final int permitted;

		JobOperation(int permitted) {
			this.permitted = permitted;
		}

	}

	/** Only BULK_CONFIRM opens the jobs: ADMIN_CONFIRM alone (confirm-admin) does not. */
	static Stream<Arguments> jobMatrix() {
		return Stream.of("user-admin", "confirm-admin", "support-agent", "auditor", "")
			.flatMap((role) -> Stream.of(JobOperation.values())
				.map((operation) -> Arguments.of(role, operation,
						role.equals("user-admin") ? operation.permitted : 403)));
	}

	@ParameterizedTest(name = "{0} may {1}: {2}")
	@MethodSource("jobMatrix")
	void roleAgainstJobOperation(String role, JobOperation operation, int expectedStatus) {
		String token = role.isEmpty() ? this.idp.token("nobody") : this.idp.token("caller-" + role, role);
		String jobId = this.api
			.post("/api/v1/user-pools/" + TestPools.CUSTOMERS + "/confirmation-jobs", admin(),
					Map.of("usernames", List.of(newUsername("matrix-job")), "dryRun", true))
			.getBody()
			.path("jobId")
			.asString();
		String job = "/api/v1/confirmation-jobs/" + jobId;
		String jobs = "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/confirmation-jobs";
		try {
			ResponseEntity<JsonNode> response = switch (operation) {
				case CREATE_JOB ->
					this.api.post(jobs, token, Map.of("usernames", List.of(newUsername("matrix-job")), "dryRun", true));
				case LIST_JOBS -> this.api.exchange(HttpMethod.GET, jobs, token, null, Map.of());
				case GET_JOB -> this.api.exchange(HttpMethod.GET, job, token, null, Map.of());
				case LIST_JOB_ITEMS -> this.api.exchange(HttpMethod.GET, job + "/items", token, null, Map.of());
				case PAUSE_JOB -> this.api.exchange(HttpMethod.POST, job + "/pause", token, null, Map.of());
				case RESUME_JOB -> this.api.exchange(HttpMethod.POST, job + "/resume", token, null, Map.of());
				case CANCEL_JOB -> this.api.exchange(HttpMethod.POST, job + "/cancel", token, null, Map.of());
			};

			assertThat(response.getStatusCode().value()).isEqualTo(expectedStatus);
			if (expectedStatus == 403) {
				assertProblem(response, 403, "FORBIDDEN");
			}
		}
		finally {
			this.database.update("UPDATE confirmation_job SET state = 'CANCELLED' WHERE state IN ('QUEUED', "
					+ "'RUNNING', 'PAUSED')");
		}
	}

	private ResponseEntity<JsonNode> call(Operation operation, String token, String username) {
		if (operation == Operation.ADMIN_CONFIRM) {
			return this.api.adminConfirm(TestPools.CUSTOMERS, token, Map.of("username", username));
		}
		if (operation == Operation.BATCH_ADMIN_CONFIRM) {
			return this.api.post("/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up/batch", token,
					Map.of("usernames", List.of(username)));
		}
		if (operation == Operation.GET_USER_STATUS) {
			return this.api.exchange(HttpMethod.GET,
					"/api/v1/user-pools/" + TestPools.CUSTOMERS + "/user-status?username=" + username, token, null,
					Map.of());
		}
		Map<String, Object> body = new HashMap<>(
				Map.of("clientId", TestPools.PUBLIC_CLIENT, "username", username, "confirmationCode", TestPools.CODE));
		if (operation == Operation.CODE_CONFIRM_FORCING_ALIAS) {
			body.put("forceAliasCreation", true);
		}
		return this.api.confirm(TestPools.CUSTOMERS, token, body);
	}

}
