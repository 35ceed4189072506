package com.acme.confirm;

import java.util.Map;

import com.acme.confirm.client.ApiClient;
import com.acme.confirm.client.ApiException;
import com.acme.confirm.client.api.ConfirmationApi;
import com.acme.confirm.client.model.AdminConfirmSignUpRequest;
import com.acme.confirm.client.model.ConfirmSignUpRequest;
import com.acme.confirm.client.model.ConfirmationResult;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Java client that openapi-generator makes from the committed openapi/openapi.yaml
 * (at build time, into target/generated-test-sources) works against the service.
 */
class GeneratedClientTests extends IntegrationTests {

	private ConfirmationApi confirmations;

	@BeforeEach
	void client() {
		ApiClient client = new ApiClient();
		client.updateBaseUri(this.api.baseUrl());
		String token = admin();
		client.setRequestInterceptor((request) -> request.header("Authorization", "Bearer " + token));
		this.confirmations = new ConfirmationApi(client);
	}

	@Test
	void adminConfirmSignUpThroughTheGeneratedClient() throws ApiException {
		String username = newUsername("generated");
		this.cognito.signUp(username, username + "@example.com");

		ConfirmationResult result = this.confirmations.adminConfirmSignUp(TestPools.CUSTOMERS,
				new AdminConfirmSignUpRequest().username(username).reason("generated client").markEmailVerified(true));

		assertThat(result.getOutcome()).isEqualTo(ConfirmationResult.OutcomeEnum.CONFIRMED);
		assertThat(result.getEmailVerified()).isTrue();
		assertThat(result.getAuditEventId()).isNotNull();
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
	}

	@Test
	void confirmSignUpThroughTheGeneratedClient() throws ApiException {
		String username = newUsername("generated-code");
		this.cognito.signUp(username, username + "@example.com");

		ConfirmationResult result = this.confirmations.confirmSignUp(TestPools.CUSTOMERS,
				new ConfirmSignUpRequest().clientId(TestPools.SECRET_CLIENT)
					.username(username)
					.confirmationCode(TestPools.CODE)
					.clientMetadata(Map.of("ticket", "SUP-7")));

		assertThat(result.getOutcome()).isEqualTo(ConfirmationResult.OutcomeEnum.CONFIRMED);
		assertThat(this.cognito.status(username)).isEqualTo("CONFIRMED");
	}

	@Test
	void problemThroughTheGeneratedClient() {
		String username = newUsername("generated-invited");
		this.cognito.adminCreateUser(username);

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.confirmations.adminConfirmSignUp(TestPools.CUSTOMERS,
					new AdminConfirmSignUpRequest().username(username)))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(409);
				var problem = JsonMapper.builder().build().readTree(ex.getResponseBody());
				assertProblem(problem, 409, "USER_NOT_CONFIRMABLE");
				assertThat(problem.path("userStatus").asString()).isEqualTo("FORCE_CHANGE_PASSWORD");
			});
	}

}
