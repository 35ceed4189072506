package com.acme.confirm.logging;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.ServiceProcess;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica (a process of its own, so that its logging is its own) logging at DEBUG
 * everywhere, with the wire loggers asked for by a property, an environment variable and
 * the actuator's {@code /loggers}, in the plain-text pattern: drives a confirmation with
 * a code, SecretHash and clientMetadata, a cross-account call signed with a session
 * token, a Cognito 5xx with a message and a username with control characters, then reads
 * its whole output. A second replica with {@code confirm.logging.allow-wire-log=true}
 * shows that the same drive does print those values when the loggers are not pinned.
 */
class LogSafetyTests extends IntegrationTests {

	private static final String METADATA_VALUE = "metadata-value-Wq71z";

	// Cognito's message of a 5xx, as real Cognito words it; distinctive, to grep for.
	private static final String COGNITO_MESSAGE = "Internal-server-error-Zx42q occurred";

	private static final String SESSION_TOKEN = "assumed-session-token";

	@Test
	void debugEverywhereThenNoSecretCognitoMessageOrControlCharacterInTheLog() throws Exception {
		String correlationId = "corr-" + newUsername("log");
		ServiceProcess replica = start("log-safety-pinned", false);
		List<String> secrets;
		String log;
		try {
			secrets = drive(replica, correlationId);
		}
		finally {
			replica.terminate();
			log = Files.readString(replica.log(), StandardCharsets.UTF_8);
		}

		assertThat(log).contains("DEBUG").contains("CONFIRM_SIGN_UP");
		for (String secret : secrets) {
			assertThat(log).as("the log holds no %s", secret).doesNotContain(secret);
		}
		assertThat(log).doesNotContain(COGNITO_MESSAGE).doesNotContain("Zx42q");
		assertThat(log).doesNotContain("\u001b").doesNotContain("\u009b");
		assertThat(log.lines()).noneMatch((line) -> line.startsWith("FORGED"));
		assertThat(log).contains("by evil\\u001b[31m\\nFORGED INFO line\\u009b0m");
		assertThat(log.lines())
			.anyMatch((line) -> line.contains(" DEBUG ") && line.contains("[" + correlationId + "]"));
	}

	@Test
	void wireLogAllowedThenTheSameDrivePrintsWhatThePinnedLoggersHold() throws Exception {
		ServiceProcess replica = start("log-safety-allowed", true);
		String log;
		try {
			drive(replica, "corr-allowed");
		}
		finally {
			replica.terminate();
			log = Files.readString(replica.log(), StandardCharsets.UTF_8);
		}

		assertThat(log).contains(TestPools.CODE).contains(METADATA_VALUE).contains(SESSION_TOKEN);
	}

	private ServiceProcess start(String name, boolean allowWireLog) throws Exception {
		return ServiceProcess.replica(name, this.wire.endpoint(),
				Map.of("LOGGING_LEVEL_ORG_APACHE_HC_CLIENT5_HTTP_HEADERS", "DEBUG"), "--logging.level.root=DEBUG",
				"--logging.level.org.apache.hc.client5.http.wire=DEBUG",
				"--logging.level.software.amazon.awssdk.request=DEBUG", "--logging.structured.format.console=",
				"--management.endpoints.web.exposure.include=health,loggers",
				"--confirm.logging.allow-wire-log=" + allowWireLog);
	}

	/** Drives the replica; returns the values its log must not hold. */
	private List<String> drive(ServiceProcess replica, String correlationId) throws Exception {
		String token = admin();
		String operator = this.idp.token("ops-1", "operator");
		List<String> secrets = new ArrayList<>(List.of(TestPools.CODE, TestPools.SECRET_CLIENT_SECRET, token, operator,
				METADATA_VALUE, SESSION_TOKEN));
		ResponseEntity<JsonNode> loggers = replica.api()
			.exchange(HttpMethod.POST, "/actuator/loggers/org.apache.hc.client5.http.wire", operator,
					"{\"configuredLevel\":\"TRACE\"}",
					Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE));
		assertThat(loggers.getStatusCode().value()).isEqualTo(204);

		String confirmed = newUsername("log-ok");
		this.cognito.signUp(confirmed, confirmed + "@example.com");
		secrets.add(secretHash(confirmed));
		ResponseEntity<JsonNode> confirm = replica.api()
			.exchange(HttpMethod.POST, "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/confirm-sign-up", token,
					Map.of("clientId", TestPools.SECRET_CLIENT, "username", confirmed, "confirmationCode",
							TestPools.CODE, "clientMetadata", Map.of("ticket", METADATA_VALUE)),
					Map.of("X-Correlation-Id", correlationId));
		assertThat(confirm.getStatusCode().value()).isEqualTo(200);

		String crossAccount = newUsername("log-cross");
		this.cognito.adminCreateUser(TestPools.CROSS_ACCOUNT, crossAccount);
		assertThat(replica.api()
			.exchange(HttpMethod.GET,
					"/api/v1/user-pools/" + TestPools.CROSS_ACCOUNT + "/user-status?username=" + crossAccount, token,
					null, Map.of())
			.getStatusCode()
			.value()).isEqualTo(200);

		String failing = newUsername("log-5xx");
		this.cognito.signUp(failing, failing + "@example.com");
		this.wire.on("ConfirmSignUp", failing, CognitoWire.error(500, "InternalErrorException", COGNITO_MESSAGE));
		ResponseEntity<JsonNode> failed = replica.api()
			.confirm(TestPools.CUSTOMERS, token, Map.of("clientId", TestPools.PUBLIC_CLIENT, "username", failing,
					"confirmationCode", TestPools.CODE));
		assertThat(failed.getStatusCode().is5xxServerError()).isTrue();

		ResponseEntity<JsonNode> forged = replica.api()
			.adminConfirm(TestPools.CUSTOMERS, token,
					Map.of("username", "evil\u001b[31m\nFORGED INFO line\u009b0m", "reason", "x\r\nFORGED too"));
		assertThat(forged.getStatusCode().value()).isEqualTo(400);
		// a token's subject is logged as it is, in the audit line of the denied attempt
		String forger = this.idp.token("evil\u001b[31m\nFORGED INFO line\u009b0m");
		String denied = newUsername("log-denied");
		this.cognito.signUp(denied, denied + "@example.com");
		assertThat(replica.api()
			.adminConfirm(TestPools.CUSTOMERS, forger, Map.of("username", denied))
			.getStatusCode()
			.value()).isEqualTo(403);
		return secrets;
	}

	private static String secretHash(String username) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(TestPools.SECRET_CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return Base64.getEncoder()
			.encodeToString(mac.doFinal((username + TestPools.SECRET_CLIENT).getBytes(StandardCharsets.UTF_8)));
	}

}
