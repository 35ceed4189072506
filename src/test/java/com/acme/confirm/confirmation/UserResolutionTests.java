package com.acme.confirm.confirmation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identifiers that are not usernames, against cognito-local, which behaves as Cognito
 * does here: in a pool with email as an alias it does not resolve an e-mail address in
 * AdminGetUser (Cognito resolves an alias only once verified, and these users are
 * UNCONFIRMED), its ListUsers filters {@code email = "..."} exactly and lists UNCONFIRMED
 * users, and in a pool with email as the username it stores the sub as the username and
 * answers AdminGetUser for the e-mail address. Neither pool configures
 * {@code lookup-attributes}: the aliased pool's come from DescribeUserPool.
 */
class UserResolutionTests extends IntegrationTests {

	@Test
	void confirmByEmailOfUnconfirmedUserInAliasPoolThenThatUserIsConfirmedUnderItsUsername() {
		String username = newUsername("alias");
		String email = username + "@example.com";
		String sub = this.cognito.signUp(TestPools.ALIASED_CLIENT, username, email);

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.ALIASED, staff(),
				Map.of("username", email));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(response.getBody().path("username").asString()).isEqualTo(username);
		assertThat(response.getBody().path("identifier").asString()).isEqualTo(email);
		assertThat(response.getBody().path("sub").asString()).isEqualTo(sub);
		assertThat(this.cognito.user(TestPools.ALIASED, username).userStatusAsString()).isEqualTo("CONFIRMED");
		assertThat(this.wire.requests("ListUsers")).anySatisfy(
				(call) -> assertThat(call.getBodyAsString()).contains("\"Filter\":\"email = \\\"" + email + "\\\"\""));
		assertThat(this.wire.requests("AdminConfirmSignUp", username)).hasSize(1);
	}

	@Test
	void confirmByEmailSharedByTwoUnconfirmedUsersThenAmbiguousAndNeitherIsConfirmed() {
		String first = newUsername("twin");
		String second = newUsername("twin");
		String email = first + "@example.com";
		this.cognito.signUp(TestPools.ALIASED_CLIENT, first, email);
		this.cognito.signUp(TestPools.ALIASED_CLIENT, second, email);

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.ALIASED, staff(),
				Map.of("username", email));

		JsonNode problem = assertProblem(response, 409, "AMBIGUOUS_USER");
		assertThat(problem.path("matches").asInt()).isEqualTo(2);
		assertThat(problem.path("detail").asString()).doesNotContain(first).doesNotContain(second);
		assertThat(this.cognito.user(TestPools.ALIASED, first).userStatusAsString()).isEqualTo("UNCONFIRMED");
		assertThat(this.cognito.user(TestPools.ALIASED, second).userStatusAsString()).isEqualTo("UNCONFIRMED");
		assertThat(this.wire.requests("AdminConfirmSignUp")).isEmpty();
	}

	@Test
	void statusByEmailInAliasPoolIsTheUsersAndUnknownEmailIsNotFound() {
		String username = newUsername("status");
		String email = username + "@example.com";
		this.cognito.signUp(TestPools.ALIASED_CLIENT, username, email);

		ResponseEntity<JsonNode> found = status(TestPools.ALIASED, email);
		ResponseEntity<JsonNode> unknown = status(TestPools.ALIASED, "nobody-" + email);

		assertThat(found.getStatusCode().value()).isEqualTo(200);
		assertThat(found.getBody().path("username").asString()).isEqualTo(username);
		assertThat(found.getBody().path("identifier").asString()).isEqualTo(email);
		assertThat(found.getBody().path("userStatus").asString()).isEqualTo("UNCONFIRMED");
		assertProblem(unknown, 404, "USER_NOT_FOUND");
	}

	@Test
	void confirmByEmailInEmailAsUsernamePoolThenCanonicalUsernameIsTheSubUuid() {
		String email = newUsername("email-name") + "@example.com";
		String sub = this.cognito.signUp(TestPools.EMAIL_USERNAME_CLIENT, email, email);

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.EMAIL_USERNAME, staff(),
				Map.of("username", email));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("username").asString()).isEqualTo(sub)
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		assertThat(response.getBody().path("sub").asString()).isEqualTo(sub);
		assertThat(response.getBody().path("identifier").asString()).isEqualTo(email);
		assertThat(this.wire.requests("AdminConfirmSignUp", sub)).hasSize(1);
		assertThat(this.cognito.user(TestPools.EMAIL_USERNAME, sub).userStatusAsString()).isEqualTo("CONFIRMED");
	}

	@Test
	void poolWithoutAliasesDoesNotLookUpAnIdentifierItDoesNotKnow() {
		String email = newUsername("plain") + "@example.com";
		this.cognito.signUp(newUsername("plain"), email);

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, admin(),
				Map.of("username", email));

		assertProblem(response, 404, "USER_NOT_FOUND");
		assertThat(this.wire.requests("ListUsers")).isEmpty();
	}

	@Test
	void batchItemsAreResolvedAsSingleConfirmationsAre() {
		String username = newUsername("batch");
		String email = username + "@example.com";
		this.cognito.signUp(TestPools.ALIASED_CLIENT, username, email);

		ResponseEntity<JsonNode> response = this.api.post(
				"/api/v1/user-pools/" + TestPools.ALIASED + "/admin-confirm-sign-up/batch", staff(),
				Map.of("usernames", List.of(email)));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		JsonNode item = response.getBody().path("results").get(0);
		assertThat(item.path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(item.path("username").asString()).isEqualTo(username);
		assertThat(item.path("identifier").asString()).isEqualTo(email);
	}

	@Test
	void auditSearchByIdentifierUsernameOrSubFindsTheSameEvent() {
		String username = newUsername("trail");
		String email = username + "@example.com";
		String sub = this.cognito.signUp(TestPools.ALIASED_CLIENT, username, email);
		String eventId = this.api.adminConfirm(TestPools.ALIASED, staff(), Map.of("username", email))
			.getBody()
			.path("auditEventId")
			.asString();

		for (String name : List.of(email, username, sub)) {
			JsonNode events = this.api
				.exchange(HttpMethod.GET,
						"/api/v1/audit-events?username=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
						this.idp.token("auditor-1", "auditor"), null, Map.of())
				.getBody()
				.path("events");
			assertThat(events.size()).as(name).isEqualTo(1);
			JsonNode target = events.get(0).path("target");
			assertThat(events.get(0).path("id").asString()).isEqualTo(eventId);
			assertThat(target.path("username").asString()).isEqualTo(username);
			assertThat(target.path("sub").asString()).isEqualTo(sub);
			assertThat(target.path("identifier").asString()).isEqualTo(email);
		}
	}

	private ResponseEntity<JsonNode> status(String userPoolId, String identifier) {
		return this.api.exchange(HttpMethod.GET, "/api/v1/user-pools/" + userPoolId + "/user-status?username="
				+ URLEncoder.encode(identifier, StandardCharsets.UTF_8), staff(), null, Map.of());
	}

	private String staff() {
		return this.idp.token("staff-1", "staff");
	}

}
