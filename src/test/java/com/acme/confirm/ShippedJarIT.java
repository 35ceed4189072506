package com.acme.confirm;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.acme.confirm.support.Api;
import com.acme.confirm.support.CognitoLocal;
import com.acme.confirm.support.IdentityProvider;
import com.acme.confirm.support.TestDatabase;
import com.acme.confirm.support.TestPools;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static com.acme.confirm.support.ProblemAssert.assertProblemJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar the image ships, started the way the image starts it: {@code java -jar} with
 * {@code -Dspring.aot.enabled=true}, so the context is the one Spring AOT generated at
 * build time rather than one built from the configuration classes at run time (which is
 * what every other test uses). In front of cognito-local, the OAuth2 server and
 * PostgreSQL, with the integration tests' configuration. Runs after {@code package}
 * (failsafe); the log is {@code target/shipped-jar-it.log}.
 */
@Tag("integration")
@ExtendWith(TestDatabase.Required.class)
class ShippedJarIT {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

	private static final CognitoLocal cognito = CognitoLocal.get();

	private static final IdentityProvider idp = IdentityProvider.get();

	private static final TestDatabase database = TestDatabase.get();

	private static Process process;

	private static Path log;

	private static Api api;

	@BeforeAll
	static void startTheJar() throws Exception {
		Path jar = Path.of(System.getProperty("confirm.jar", "target/cognito-confirm-service-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the packaged jar (failsafe runs after package)").isRegularFile();
		log = jar.resolveSibling("shipped-jar-it.log");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Dspring.aot.enabled=true",
				"-Daws.accessKeyId=test-access-key", "-Daws.secretAccessKey=test-secret-key", "-jar", jar.toString(),
				"--server.port=" + port, "--spring.profiles.active=test",
				"--spring.config.additional-location=optional:file:" + testResources() + "/",
				"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + idp.issuerUri(),
				"--confirm.cognito.endpoint=" + cognito.endpoint(), "--confirm.aws.sts-endpoint=" + cognito.endpoint(),
				"--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password()));
		if (!database.schema().isEmpty()) {
			command.add("--spring.flyway.default-schema=" + database.schema());
		}
		process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
			.start();
		api = new Api("http://127.0.0.1:" + port);
		awaitReadiness();
	}

	@AfterAll
	static void stopTheJar() throws InterruptedException {
		if (process != null) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	@Test
	void startsTheContextSpringAotGenerated() throws IOException {
		assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("Starting AOT-processed");
	}

	@Test
	void adminConfirmSignUpConfirmsTheUserAndAuditsBothCalls() {
		String username = "shipped-" + UUID.randomUUID().toString().substring(0, 8);
		cognito.signUp(username, username + "@example.com");
		String admin = idp.token("admin-1", "user-admin");

		ResponseEntity<JsonNode> first = api.adminConfirm(TestPools.CUSTOMERS, admin,
				Map.of("username", username, "reason", "shipped jar"));
		ResponseEntity<JsonNode> second = api.adminConfirm(TestPools.CUSTOMERS, admin, Map.of("username", username));

		assertThat(first.getStatusCode().value()).isEqualTo(200);
		assertThat(first.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(first.getBody().path("previousStatus").asString()).isEqualTo("UNCONFIRMED");
		assertThat(cognito.status(username)).isEqualTo("CONFIRMED");
		assertThat(second.getStatusCode().value()).isEqualTo(200);
		assertThat(second.getBody().path("outcome").asString()).isEqualTo("ALREADY_CONFIRMED");
		assertThat(auditOutcomes(username)).containsExactly(Arrays.asList("CONFIRMED", null),
				Arrays.asList("ALREADY_CONFIRMED", null));
	}

	@Test
	void confirmSignUpWithTheCodeThroughTheAppClientWithASecret() {
		String username = "shipped-code-" + UUID.randomUUID().toString().substring(0, 8);
		cognito.signUp(username, username + "@example.com");

		ResponseEntity<JsonNode> response = api.confirm(TestPools.CUSTOMERS, idp.token("agent-1", "support-agent"),
				Map.of("clientId", TestPools.SECRET_CLIENT, "username", username, "confirmationCode", TestPools.CODE));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(cognito.status(username)).isEqualTo("CONFIRMED");
		assertThat(response.toString()).doesNotContain(TestPools.CODE, TestPools.SECRET_CLIENT_SECRET);
	}

	@Test
	void badInputAndMissingTokensAreProblemsThatChangeNothing() {
		String username = "shipped-bad-" + UUID.randomUUID().toString().substring(0, 8);
		cognito.signUp(username, username + "@example.com");

		ResponseEntity<JsonNode> invalid = api.adminConfirm(TestPools.CUSTOMERS, idp.token("admin-1", "user-admin"),
				Map.of("username", username, "reason", "r".repeat(501)));
		ResponseEntity<JsonNode> anonymous = api.adminConfirm(TestPools.CUSTOMERS, null, Map.of("username", username));

		assertProblemJson(invalid, 400, "VALIDATION_FAILED");
		assertThat(invalid.getBody().path("errors").get(0).path("field").asString()).isEqualTo("reason");
		assertProblem(anonymous, 401, "UNAUTHENTICATED");
		assertThat(cognito.status(username)).isEqualTo("UNCONFIRMED");
		// the authenticated attempt is on record,
		// the anonymous one has no actor to record
		assertThat(auditOutcomes(username)).containsExactly(List.of("FAILED", "VALIDATION_FAILED"));
	}

	@Test
	void theAuditTrailReadsAndItsHashChainVerifies() {
		String username = "shipped-audit-" + UUID.randomUUID().toString().substring(0, 8);
		cognito.signUp(username, username + "@example.com");
		api.adminConfirm(TestPools.CUSTOMERS, idp.token("admin-1", "user-admin"), Map.of("username", username));
		String auditor = idp.token("auditor-1", "auditor");

		ResponseEntity<JsonNode> events = api.exchange(HttpMethod.GET, "/api/v1/audit-events?username=" + username,
				auditor, null, Map.of());
		ResponseEntity<JsonNode> verification = api.exchange(HttpMethod.GET, "/api/v1/audit-events/verification",
				auditor, null, Map.of());

		assertThat(events.getStatusCode().value()).isEqualTo(200);
		JsonNode items = events.getBody().path("events");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).path("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(items.get(0).path("actor").path("subject").asString()).isEqualTo("admin-1");
		assertThat(verification.getStatusCode().value()).isEqualTo(200);
		assertThat(verification.getBody().path("valid").asBoolean()).isTrue();
		assertThat(verification.getBody().path("checkedEvents").asLong()).isPositive();
	}

	@Test
	void servesTheCommittedOpenApiDocumentAndTheMetrics() throws IOException {
		String username = "shipped-metrics-" + UUID.randomUUID().toString().substring(0, 8);
		cognito.signUp(username, username + "@example.com");
		api.adminConfirm(TestPools.CUSTOMERS, idp.token("admin-1", "user-admin"), Map.of("username", username));

		String document = get("/v3/api-docs.yaml", null);
		String scrape = get("/actuator/prometheus", idp.token("ops", "operator"));

		assertThat(document).isEqualTo(Files.readString(Path.of("openapi/openapi.yaml"), StandardCharsets.UTF_8));
		assertThat(scrape.lines()).anyMatch((line) -> line.startsWith("confirm_operations_seconds_count{")
				&& line.contains("operation=\"ADMIN_CONFIRM_SIGN_UP\"") && line.contains("outcome=\"CONFIRMED\""));
	}

	/** The outcome and error code of each audit event of a username, oldest first. */
	private static List<List<String>> auditOutcomes(String username) {
		return database.rows(
				"SELECT outcome, error_code FROM audit_event WHERE target_username = ? " + "ORDER BY occurred_at, id",
				username);
	}

	private static String get(String path, @Nullable String token) {
		return RestClient.create().get().uri(api.baseUrl() + path).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).retrieve().body(String.class);
	}

	private static void awaitReadiness() throws Exception {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the jar exited with " + process.exitValue() + ":\n" + logTail());
			}
			try {
				if (api.exchange(HttpMethod.GET, "/actuator/health/readiness", null, null, Map.of())
					.getStatusCode()
					.value() == 200) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the jar was not ready within " + READY_TIMEOUT + ":\n" + logTail());
	}

	private static String logTail() throws IOException {
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static Path testResources() throws URISyntaxException {
		return Path.of(ShippedJarIT.class.getResource("/application-test.yaml").toURI()).getParent();
	}

}
