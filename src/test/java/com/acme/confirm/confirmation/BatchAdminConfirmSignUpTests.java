package com.acme.confirm.confirmation;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.acme.confirm.support.IntegrationTests;
import com.zaxxer.hikari.HikariDataSource;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class BatchAdminConfirmSignUpTests extends IntegrationTests {

	private final HikariDataSource dataSource;

	BatchAdminConfirmSignUpTests(HikariDataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Test
	void batchWhenMixedUsersThenEachResultInRequestOrderAndOneAuditEventEach() {
		String fresh = newUsername("batch-fresh");
		this.cognito.signUp(fresh, fresh + "@example.com");
		String done = newUsername("batch-done");
		this.cognito.signUp(done, done + "@example.com");
		this.cognito.client().adminConfirmSignUp((request) -> request.userPoolId(TestPools.CUSTOMERS).username(done));
		String missing = newUsername("batch-missing");
		String invited = newUsername("batch-invited");
		this.cognito.adminCreateUser(invited);
		String failing = newUsername("batch-trigger");
		this.cognito.signUp(failing, failing + "@example.com");
		this.wire.fail("AdminConfirmSignUp", failing, 400, "UserLambdaValidationException");
		List<String> usernames = List.of(fresh, done, missing, invited, failing);

		ResponseEntity<JsonNode> response = batch(admin(),
				Map.of("usernames", usernames, "reason", "SUP-9 bulk", "clientMetadata", Map.of("ticket", "SUP-9")));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		JsonNode results = response.getBody().path("results");
		assertThat(results.findValuesAsString("username")).containsExactlyElementsOf(usernames);
		assertThat(results.get(0).path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(results.get(1).path("outcome").asString()).isEqualTo("ALREADY_CONFIRMED");
		assertProblem(results.get(2).path("problem"), 404, "USER_NOT_FOUND");
		assertProblem(results.get(3).path("problem"), 409, "USER_NOT_CONFIRMABLE");
		assertThat(results.get(3).path("problem").path("userStatus").asString()).isEqualTo("FORCE_CHANGE_PASSWORD");
		assertProblem(results.get(4).path("problem"), 502, "COGNITO_TRIGGER_FAILED");
		assertThat(this.cognito.status(fresh)).isEqualTo("CONFIRMED");
		assertThat(this.cognito.status(failing)).isEqualTo("UNCONFIRMED");
		for (int i = 0; i < usernames.size(); i++) {
			List<Map<String, Object>> rows = auditRows(usernames.get(i));
			assertThat(rows).as(usernames.get(i)).hasSize(1);
			JsonNode item = results.get(i);
			String eventId = item.has("auditEventId") ? item.path("auditEventId").asString()
					: item.path("problem").path("auditEventId").asString();
			assertThat(rows.get(0).get("id")).hasToString(eventId);
			assertThat(rows.get(0).get("reason")).isEqualTo("SUP-9 bulk");
			// Items are worked on by several threads; each event still names the request.
			assertThat(rows.get(0).get("correlation_id")).isEqualTo(response.getHeaders().getFirst("X-Correlation-Id"));
		}
		assertThat(this.wire.requests("AdminConfirmSignUp", done)).isEmpty();
	}

	@Test
	void batchWhenAuditTrailDownThenNoItemAttemptedAndEachReportsAuditUnavailable() {
		List<String> usernames = IntStream.range(0, 12).mapToObj((i) -> newUsername("batch-no-db-" + i)).toList();
		usernames.forEach((username) -> this.cognito.signUp(username, username + "@example.com"));
		this.database.cut();
		ResponseEntity<JsonNode> response;
		try {
			response = batch(admin(), Map.of("usernames", usernames));
		}
		finally {
			this.database.restore();
			this.dataSource.getHikariPoolMXBean().softEvictConnections();
		}

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		JsonNode results = response.getBody().path("results");
		assertThat(results.findValuesAsString("username")).containsExactlyElementsOf(usernames);
		assertThat(results.findValuesAsString("code")).hasSize(usernames.size()).containsOnly("AUDIT_UNAVAILABLE");
		assertThat(this.wire.requests("AdminGetUser")).isEmpty();
		assertThat(this.wire.requests("AdminConfirmSignUp")).isEmpty();
		usernames.forEach((username) -> assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED"));
	}

	@Test
	void batchWhenUsernamesRepeatedOrTooManyOrEmptyThenValidationFailedAndNothingCalled() {
		String twice = newUsername("twice");
		List<String> tooMany = IntStream.range(0, 101).mapToObj((i) -> twice + "-" + i).toList();

		ResponseEntity<JsonNode> repeated = batch(admin(), Map.of("usernames", List.of(twice, twice)));
		ResponseEntity<JsonNode> overLimit = batch(admin(), Map.of("usernames", tooMany));
		ResponseEntity<JsonNode> empty = batch(admin(), Map.of("usernames", List.of()));

		for (ResponseEntity<JsonNode> response : List.of(repeated, overLimit, empty)) {
			assertThat(response.getStatusCode().value()).isEqualTo(400);
			assertThat(response.getBody().path("errors").get(0).path("field").asString()).isEqualTo("usernames");
		}
		assertThat(this.wire.requests("AdminGetUser")).isEmpty();
	}

	@Test
	void batchWhenCallerMayNotThenForbiddenAndOneEventNamingItsUsernames() {
		String first = newUsername("denied-a");
		String second = newUsername("denied-b");
		this.cognito.signUp(first, first + "@example.com");

		ResponseEntity<JsonNode> response = batch(agent(), Map.of("usernames", List.of(first, second)));

		assertProblem(response, 403, "FORBIDDEN");
		assertThat(rowsOf(response)).singleElement().satisfies((row) -> {
			assertThat(row.get("outcome")).isEqualTo("DENIED");
			assertThat(row.get("target_username")).isNull();
			assertThat(row.get("batch_size")).isEqualTo(2);
			assertThat(row.get("batch_usernames")).isEqualTo("[\"" + first + "\",\"" + second + "\"]");
			assertThat(row.get("id")).hasToString(response.getBody().path("auditEventId").asString());
		});
		assertThat(this.cognito.status(first)).isEqualTo("UNCONFIRMED");
	}

	@Test
	void batchOfHundredFromCallerWithoutRolesThenExactlyOneAuditRow() {
		List<String> usernames = IntStream.range(0, 100)
			.mapToObj((i) -> String.format("%03d-", i) + newUsername("u".repeat(100)))
			.toList();
		int before = count();

		ResponseEntity<JsonNode> response = batch(this.idp.token("nobody"),
				Map.of("usernames", usernames, "reason", "r".repeat(500), "clientMetadata", Map.of("ticket", "SUP-1")));

		assertProblem(response, 403, "FORBIDDEN");
		assertThat(count() - before).isEqualTo(1);
		assertThat(rowsOf(response)).singleElement().satisfies((row) -> {
			assertThat(row.get("batch_size")).isEqualTo(100);
			// As many of the usernames as the row holds, in request order.
			String stored = (String) row.get("batch_usernames");
			assertThat(stored.length()).isLessThanOrEqualTo(8000);
			assertThat(stored).startsWith("[\"" + usernames.get(0) + "\"");
		});
		usernames.forEach((username) -> assertThat(auditRows(username)).isEmpty());
	}

	@Test
	void batchRefusedForPoolOrReasonThenOneEventEach() {
		List<String> usernames = List.of(newUsername("refused-a"), newUsername("refused-b"), newUsername("refused-c"));

		ResponseEntity<JsonNode> unknownPool = this.api.post(
				"/api/v1/user-pools/us-east-1_NotManaged9/admin-confirm-sign-up/batch", admin(),
				Map.of("usernames", usernames));
		ResponseEntity<JsonNode> noReason = this.api.post(
				"/api/v1/user-pools/" + TestPools.PARTNERS + "/admin-confirm-sign-up/batch", admin(),
				Map.of("usernames", usernames));

		assertProblem(unknownPool, 404, "USER_POOL_NOT_MANAGED");
		assertProblem(noReason, 400, "REASON_REQUIRED");
		for (ResponseEntity<JsonNode> response : List.of(unknownPool, noReason)) {
			assertThat(rowsOf(response)).singleElement()
				.satisfies((row) -> assertThat(row.get("batch_size")).isEqualTo(3));
		}
	}

	@Test
	void batchWhenPoolRequiresReasonAndNoneThenReasonRequired() {
		ResponseEntity<JsonNode> response = this.api.post(
				"/api/v1/user-pools/" + TestPools.PARTNERS + "/admin-confirm-sign-up/batch", admin(),
				Map.of("usernames", List.of(newUsername("partner"))));

		assertProblem(response, 400, "REASON_REQUIRED");
	}

	private List<Map<String, Object>> rowsOf(ResponseEntity<JsonNode> response) {
		return this.database.rowMaps("SELECT * FROM audit_event WHERE correlation_id = ?",
				response.getHeaders().getFirst("X-Correlation-Id"));
	}

	private int count() {
		return ((Number) this.database.rowMaps("SELECT COUNT(*) AS n FROM audit_event").get(0).get("n")).intValue();
	}

	private ResponseEntity<JsonNode> batch(String token, Map<String, Object> body) {
		return this.api.post("/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up/batch", token, body);
	}

}
