package com.acme.confirm.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.acme.confirm.support.IdentityProvider;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.ServiceInstance;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a token must be to be trusted: issued for this service's audience, its roles read
 * as the identity provider wrote them. Over HTTP against the service, with tokens of the
 * real OAuth2 server.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenTrustTests extends IntegrationTests {

	@Test
	void callWhenTokenHasNoAudienceThenUnauthenticatedAndNothingChanges() {
		String username = newUsername("no-aud");
		this.cognito.signUp(username, username + "@example.com");
		String token = this.idp.tokenWithoutAudience("admin-1", Map.of("roles", List.of("user-admin")));
		assertThat(claims(token)).doesNotContain("\"aud\"");

		ResponseEntity<JsonNode> response = this.api.adminConfirm(TestPools.CUSTOMERS, token,
				Map.of("username", username));

		assertProblem(response, 401, "UNAUTHENTICATED");
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
	}

	@Test
	void callWhenTokenForAnotherAudienceThenUnauthenticatedAndNothingChanges() {
		String username = newUsername("other-aud");
		this.cognito.signUp(username, username + "@example.com");
		String token = this.idp.token(IdentityProvider.ISSUER_ID, "admin-1", "another-application",
				Map.of("roles", List.of("user-admin")), 3600);

		assertProblem(this.api.adminConfirm(TestPools.CUSTOMERS, token, Map.of("username", username)), 401,
				"UNAUTHENTICATED");
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
	}

	@Test
	void callWhenRolesClaimIsOneStringThenItIsOneRole() {
		String username = newUsername("string-role");
		this.cognito.signUp(username, username + "@example.com");
		// "Read Only user-admin" is not "user-admin", whatever its words
		String token = this.idp.token(IdentityProvider.ISSUER_ID, "reader-1", IdentityProvider.AUDIENCE,
				Map.of("roles", "Read Only user-admin"), 3600);

		assertProblem(this.api.adminConfirm(TestPools.CUSTOMERS, token, Map.of("username", username)), 403,
				"FORBIDDEN");
		assertThat(this.cognito.status(username)).isEqualTo("UNCONFIRMED");
	}

	@Test
	void audienceCheckDisabledThenAnyAudienceAcceptedWarnedAndDelimiterSplitsAStringClaim(CapturedOutput output) {
		String username = newUsername("any-aud");
		this.cognito.signUp(username, username + "@example.com");
		String token = this.idp.token(IdentityProvider.ISSUER_ID, "admin-1", "another-application",
				Map.of("roles", "support-agent user-admin"), 3600);

		try (ServiceInstance service = ServiceInstance.start(Map.of("confirm.security.audience", "",
				"confirm.security.audience-check", "disabled", "confirm.security.roles-claim-delimiter", " "))) {
			ResponseEntity<JsonNode> response = service.api()
				.adminConfirm(TestPools.CUSTOMERS, token, Map.of("username", username));

			assertThat(response.getStatusCode().value()).isEqualTo(200);
		}
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
		assertThat(output.getAll()).contains("confirm.security.audience-check is disabled");
	}

	private static String claims(String token) {
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
	}

}
