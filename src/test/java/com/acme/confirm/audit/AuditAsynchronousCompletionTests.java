package com.acme.confirm.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code confirm.audit.durable-completion=false} a completion commits without
 * waiting for the WAL flush (PostgreSQL only; on H2 the setting changes nothing): the
 * rows still say what happened and the chain still verifies, completions of PENDING rows
 * and events written whole alike.
 */
@TestPropertySource(properties = "confirm.audit.durable-completion=false")
class AuditAsynchronousCompletionTests extends IntegrationTests {

	private final AuditTrailApi auditTrail = new AuditTrailApi(() -> this.api, this.idp);

	@Test
	void completionWhenNotDurableThenRowsCompletedAndChainValid() {
		List<String> usernames = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String username = newUsername("async");
			this.cognito.signUp(username, username + "@example.com");
			usernames.add(username);
			ResponseEntity<JsonNode> confirmed = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
					Map.of("username", username, "reason", "SUP-1 async completion"));
			assertThat(confirmed.getStatusCode().value()).isEqualTo(200);
		}
		String rejected = newUsername("async-rejected");
		ResponseEntity<JsonNode> invalid = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", rejected, "reason", "x".repeat(501)));

		assertThat(invalid.getStatusCode().value()).isEqualTo(400);
		for (String username : usernames) {
			assertThat(auditRows(username)).singleElement()
				.satisfies((row) -> assertThat(row.get("outcome")).isEqualTo("CONFIRMED"));
		}
		assertThat(auditRows(rejected)).singleElement()
			.satisfies((row) -> assertThat(row.get("error_code")).isEqualTo("VALIDATION_FAILED"));
		JsonNode verification = this.auditTrail.verification();
		assertThat(verification.path("valid").asBoolean()).isTrue();
	}

}
