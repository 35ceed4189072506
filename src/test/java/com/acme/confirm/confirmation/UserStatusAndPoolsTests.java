package com.acme.confirm.confirmation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class UserStatusAndPoolsTests extends IntegrationTests {

	@Test
	void userStatusWhenReadThenCognitoStatusAndAuditedRead() {
		String username = "zoë/+%\"" + newUsername("status");
		this.cognito.signUp(username, "status@example.com");

		ResponseEntity<JsonNode> response = status(agent(), TestPools.CUSTOMERS, username);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		JsonNode body = response.getBody();
		assertThat(body.path("username").asString()).isEqualTo(username);
		assertThat(body.path("userStatus").asString()).isEqualTo("UNCONFIRMED");
		assertThat(body.path("enabled").asBoolean()).isTrue();
		assertThat(body.path("confirmable").asBoolean()).isTrue();
		assertThat(auditRows(username)).singleElement().satisfies((row) -> {
			assertThat(row.get("action")).isEqualTo("GET_USER_STATUS");
			assertThat(row.get("outcome")).isEqualTo("SUCCEEDED");
			assertThat(row.get("id")).hasToString(body.path("auditEventId").asString());
		});
	}

	@Test
	void userStatusWhenNoReadGrantThenForbiddenAndWhenMissingUserThenNotFound() {
		ResponseEntity<JsonNode> auditor = status(this.idp.token("auditor-1", "auditor"), TestPools.CUSTOMERS, "x");
		ResponseEntity<JsonNode> missing = status(agent(), TestPools.CUSTOMERS, newUsername("ghost"));
		ResponseEntity<JsonNode> invalid = status(agent(), TestPools.CUSTOMERS, "has space");

		assertThat(auditor.getStatusCode().value()).isEqualTo(403);
		assertProblem(missing, 404, "USER_NOT_FOUND");
		assertThat(invalid.getBody().path("errors").get(0).path("field").asString()).isEqualTo("username");
	}

	@Test
	void listUserPoolsShowsOnlyGrantedPoolsWithTheirOperations() {
		JsonNode admin = pools(admin());
		JsonNode agent = pools(agent());
		JsonNode nobody = pools(this.idp.token("nobody"));

		assertThat(admin.findValuesAsString("alias")).containsExactlyInAnyOrder("customers", "crossaccount",
				"partners");
		JsonNode customersForAgent = agent.path("userPools").get(0);
		assertThat(agent.path("userPools")).hasSize(1);
		assertThat(customersForAgent.path("userPoolId").asString()).isEqualTo(TestPools.CUSTOMERS);
		assertThat(customersForAgent.path("region").asString()).isEqualTo("us-east-1");
		assertThat(customersForAgent.path("operations").toString()).isEqualTo("[\"confirmSignUp\",\"getUserStatus\"]");
		assertThat(customersForAgent.path("permissions").toString()).isEqualTo("[\"CODE_CONFIRM\",\"READ_USER\"]");
		assertThat(nobody.path("userPools")).isEmpty();
		assertThat(admin.toString()).doesNotContain(TestPools.SECRET_CLIENT_SECRET);
	}

	private JsonNode pools(String token) {
		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.GET, "/api/v1/user-pools", token, null,
				Map.of());
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		return response.getBody();
	}

	private ResponseEntity<JsonNode> status(String token, String pool, String username) {
		return this.api.exchange(HttpMethod.GET, "/api/v1/user-pools/" + pool + "/user-status?username="
				+ URLEncoder.encode(username, StandardCharsets.UTF_8), token, null, Map.of());
	}

}
