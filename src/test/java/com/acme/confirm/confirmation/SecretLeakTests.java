package com.acme.confirm.confirmation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives every kind of outcome while logging at DEBUG, then scans everything the service
 * wrote for the confirmation code, the client secrets, the token and clientMetadata
 * values.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTests extends IntegrationTests {

	private static final String METADATA_VALUE = "metadata-value-Kp93x";

	@Test
	void nothingWrittenContainsCodeSecretTokenOrMetadataValue(CapturedOutput output) {
		String token = admin();
		List<ResponseEntity<JsonNode>> responses = new ArrayList<>();
		Map<String, String> metadata = Map.of("ticket", METADATA_VALUE);

		String ok = newUsername("leak-ok");
		this.cognito.signUp(ok, ok + "@example.com");
		responses.add(confirm(token, TestPools.SECRET_CLIENT, ok, TestPools.CODE, metadata));
		responses.add(confirm(token, TestPools.SECRET_CLIENT, ok, TestPools.CODE, metadata));
		String rejected = newUsername("leak-rejected");
		this.cognito.signUp(rejected, rejected + "@example.com");
		responses.add(confirm(token, TestPools.MISCONFIGURED_CLIENT, rejected, TestPools.CODE, metadata));
		responses.add(confirm(token, TestPools.PUBLIC_CLIENT, rejected, TestPools.CODE + "x", metadata));
		responses.add(confirm(token, TestPools.PUBLIC_CLIENT, rejected, TestPools.CODE + " x", metadata));
		this.wire.fail("ConfirmSignUp", rejected, 500, "InternalErrorException");
		responses.add(confirm(token, TestPools.PUBLIC_CLIENT, rejected, TestPools.CODE, metadata));
		String admin = newUsername("leak-admin");
		this.cognito.signUp(admin, admin + "@example.com");
		responses.add(this.api.adminConfirm(TestPools.CUSTOMERS, token,
				Map.of("username", admin, "clientMetadata", metadata)));
		responses.add(this.api.adminConfirm(TestPools.CUSTOMERS, token,
				Map.of("username", admin, "clientMetadata", Map.of("ticket", METADATA_VALUE + "x".repeat(300)))));

		assertThat(responses).extracting((response) -> response.getStatusCode().value())
			.containsExactly(200, 200, 502, 422, 400, 503, 200, 400);
		List<String> written = new ArrayList<>();
		written.add(output.getAll());
		responses.forEach((response) -> {
			written.add(String.valueOf(response.getBody()));
			written.add(response.getHeaders().toString());
		});
		for (String text : written) {
			assertThat(text).doesNotContain(TestPools.CODE)
				.doesNotContain(TestPools.SECRET_CLIENT_SECRET)
				.doesNotContain("not-the-real-secret")
				.doesNotContain(token)
				.doesNotContain(METADATA_VALUE);
		}
		assertThat(output.getAll()).contains("CONFIRM_SIGN_UP", "ADMIN_CONFIRM_SIGN_UP");
		assertThat(responses.get(0).getHeaders().containsHeader(HttpHeaders.SET_COOKIE)).isFalse();
	}

	private ResponseEntity<JsonNode> confirm(String token, String clientId, String username, String code,
			Map<String, String> metadata) {
		return this.api.confirm(TestPools.CUSTOMERS, token, Map.of("clientId", clientId, "username", username,
				"confirmationCode", code, "clientMetadata", metadata));
	}

}
