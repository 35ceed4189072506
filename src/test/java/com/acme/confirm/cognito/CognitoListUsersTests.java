package com.acme.confirm.cognito;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.UserPools;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ListUsers through the port: against cognito-local, which filters as Cognito does for
 * exact and prefix matches on email, and against WireMock for paging, which the emulator
 * does not do (it answers all matches at once).
 */
class CognitoListUsersTests extends IntegrationTests {

	private final CognitoOperations cognitoOperations;

	private final UserPools userPools;

	CognitoListUsersTests(@Autowired CognitoOperations cognitoOperations, @Autowired UserPools userPools) {
		this.cognitoOperations = cognitoOperations;
		this.userPools = userPools;
	}

	@Test
	void listUsersWhenPrefixFilterThenEveryMatchingUserAcrossPages() {
		String prefix = newUsername("list");
		List<String> usernames = List.of(newUsername("a"), newUsername("b"), newUsername("c"));
		usernames.forEach((username) -> this.cognito.signUp(username, prefix + "." + username + "@example.com"));
		this.cognito.signUp(newUsername("other"), "x" + prefix + "@example.com");

		CognitoUserPage page = this.cognitoOperations.listUsers(customers(), UserFilter.startsWith("email", prefix),
				null, 60);

		assertThat(page.users()).extracting(CognitoUser::username).containsExactlyInAnyOrderElementsOf(usernames);
		assertThat(page.users()).allSatisfy((user) -> assertThat(user.status()).isEqualTo(CognitoUser.UNCONFIRMED));
	}

	@Test
	void listUsersWhenCognitoPagesThenEachPageFollowsThePreviousToken() {
		// Real Cognito's wire format: epoch seconds, attributes as Name/Value pairs.
		this.wire.onListUsersPage(null, CognitoWire.ok("{\"Users\":[" + user("u1", "2026-11-30T10:00:00Z") + ","
				+ user("u2", "2026-11-30T11:00:00Z") + "],\"PaginationToken\":\"page-2\"}"));
		this.wire.onListUsersPage("page-2", CognitoWire.ok("{\"Users\":[" + user("u3", "2026-11-30T12:00:00Z") + "]}"));

		List<CognitoUser> found = new ArrayList<>();
		@Nullable String token = null;
		int pages = 0;
		do {
			CognitoUserPage page = this.cognitoOperations.listUsers(customers(),
					UserFilter.equalTo("cognito:user_status", "UNCONFIRMED"), token, 2);
			found.addAll(page.users());
			token = page.paginationToken();
			pages++;
		}
		while (token != null && pages < 10);

		assertThat(pages).isEqualTo(2);
		assertThat(found).extracting(CognitoUser::username).containsExactly("u1", "u2", "u3");
		assertThat(found.get(2).sub()).isEqualTo("sub-u3");
		assertThat(found.get(2).createdAt()).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
		assertThat(this.wire.requests("ListUsers")).hasSize(2).allSatisfy((request) -> {
			assertThat(request.getBodyAsString()).contains("\"Limit\":2")
				.contains("\"Filter\":\"cognito:user_status = \\\"UNCONFIRMED\\\"\"");
		});
		assertThat(this.wire.requests("ListUsers").get(1).getBodyAsString()).contains("\"PaginationToken\":\"page-2\"");
	}

	@Test
	void listUsersWhenExactEmailThenTheUserWithSubCreationDateAndStatus() {
		String username = newUsername("exact");
		String email = username + "@exact.example.com";
		this.cognito.signUp(username, email);
		this.cognito.signUp(newUsername("near"), "x" + email);

		CognitoUserPage page = this.cognitoOperations.listUsers(customers(), UserFilter.equalTo("email", email), null,
				60);

		assertThat(page.isLast()).isTrue();
		assertThat(page.users()).singleElement().satisfies((user) -> {
			assertThat(user.username()).isEqualTo(username);
			assertThat(user.status()).isEqualTo(CognitoUser.UNCONFIRMED);
			assertThat(user.sub()).isEqualTo(this.cognito.user(username)
				.userAttributes()
				.stream()
				.filter((attribute) -> attribute.name().equals("sub"))
				.findFirst()
				.orElseThrow()
				.value());
			assertThat(user.createdAt()).isEqualTo(this.cognito.user(username).userCreateDate());
			assertThat(user.requestId()).isNotBlank();
		});
	}

	@Test
	void getUserWhenSignedUpThenSubAndCreationDate() {
		String username = newUsername("sub");
		this.cognito.signUp(username, username + "@sub.example.com");

		CognitoUser user = this.cognitoOperations.getUser(customers(), username);

		assertThat(user.sub()).isNotBlank().isNotEqualTo(username);
		assertThat(user.createdAt()).isEqualTo(this.cognito.user(username).userCreateDate());
	}

	private static String user(String username, String createdAt) {
		long epoch = Instant.parse(createdAt).getEpochSecond();
		return "{\"Username\":\"" + username + "\",\"Attributes\":[{\"Name\":\"sub\",\"Value\":\"sub-" + username
				+ "\"},{\"Name\":\"email\",\"Value\":\"" + username + "@example.com\"}],\"UserCreateDate\":" + epoch
				+ ",\"UserLastModifiedDate\":" + epoch + ",\"Enabled\":true,\"UserStatus\":\"UNCONFIRMED\"}";
	}

	private ManagedUserPool customers() {
		return this.userPools.require(TestPools.CUSTOMERS);
	}

}
