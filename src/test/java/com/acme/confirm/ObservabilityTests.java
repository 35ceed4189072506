package com.acme.confirm;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import com.acme.confirm.correlation.CorrelationId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTests extends IntegrationTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final ApplicationContext context;

	ObservabilityTests(ApplicationContext context) {
		this.context = context;
	}

	@Test
	void prometheusShowsOperationAndCognitoTimersWithTheApplicationTag() {
		String username = newUsername("metered");
		this.cognito.signUp(username, username + "@example.com");
		this.api.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", username));
		this.api.adminConfirm(TestPools.CUSTOMERS, admin(), Map.of("username", newUsername("missing")));

		String scrape = RestClient.create()
			.get()
			.uri(this.api.baseUrl() + "/actuator/prometheus")
			.headers((headers) -> headers.setBearerAuth(this.idp.token("ops", "operator")))
			.retrieve()
			.body(String.class);
		List<String> lines = scrape.lines().toList();

		assertThat(lines).anyMatch((line) -> line.startsWith("confirm_operations_seconds_bucket{")
				&& line.contains("application=\"cognito-confirm-service\"") && line.contains("error=\"none\"")
				&& line.contains("operation=\"ADMIN_CONFIRM_SIGN_UP\"") && line.contains("outcome=\"CONFIRMED\""));
		assertThat(lines).anyMatch((line) -> line.startsWith("confirm_operations_seconds_count{")
				&& line.contains("error=\"USER_NOT_FOUND\"") && line.contains("outcome=\"FAILED\""));
		assertThat(lines).anyMatch((line) -> line.startsWith("confirm_cognito_calls_seconds_count{")
				&& line.contains("error=\"none\"") && line.contains("operation=\"AdminConfirmSignUp\""));
		assertThat(lines).anyMatch((line) -> line.startsWith("confirm_cognito_calls_seconds_count{")
				&& line.contains("error=\"UserNotFoundException\"") && line.contains("operation=\"AdminGetUser\""));
		assertThat(lines).anyMatch((line) -> line.startsWith("http_server_requests_seconds_bucket{"));
		// Spring Security's per-filter observations are off (their cost, bench/run.sh).
		assertThat(lines).noneMatch((line) -> line.startsWith("spring_security_"));
		assertThat(lines).anyMatch((line) -> line.startsWith("resilience4j_circuitbreaker_state{")
				&& line.contains("name=\"cognito-us-east-1\"") && line.contains("state=\"closed\"")
				&& line.endsWith(" 1.0"));
	}

	@Test
	void prometheusAndMetricsNeedTheOperatorRoleWhileProbesAreOpen() {
		assertThat(get("/actuator/prometheus", null).getStatusCode().value()).isEqualTo(401);
		assertThat(get("/actuator/health/liveness", null).getStatusCode().value()).isEqualTo(200);
		ResponseEntity<JsonNode> readiness = get("/actuator/health/readiness", this.idp.token("ops", "operator"));

		assertThat(readiness.getStatusCode().value()).isEqualTo(200);
		assertThat(readiness.getBody().path("status").asString()).isEqualTo("UP");
		assertThat(readiness.getBody().path("components").path("db").path("status").asString()).isEqualTo("UP");
		assertThat(readiness.getBody().path("components").path("circuitBreakers").path("status").asString())
			.isEqualTo("UP");
		assertThat(
				readiness.getBody().path("components").path("cognitoBudget").path("details").path("store").asString())
			.isEqualTo("memory");
	}

	@Test
	void traceparentGivesTheCorrelationIdOfResponseProblemAuditAndLogs(CapturedOutput output) {
		String username = newUsername("traced");

		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.POST,
				"/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up", agent(),
				"{\"username\":\"" + username + "\"}", Map.of(HttpHeaders.CONTENT_TYPE,
						MediaType.APPLICATION_JSON_VALUE, "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));

		assertThat(response.getStatusCode().value()).isEqualTo(403);
		assertThat(response.getHeaders().getFirst("X-Correlation-Id")).isEqualTo(TRACE_ID);
		assertThat(response.getBody().path("correlationId").asString()).isEqualTo(TRACE_ID);
		assertThat(auditRows(username)).singleElement()
			.satisfies((row) -> assertThat(row.get("correlation_id")).isEqualTo(TRACE_ID));
		assertThat(output.getAll().lines().filter((line) -> line.contains(username))).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).contains("\"correlationId\":\"" + TRACE_ID + "\"")
				.contains("\"traceId\":\"" + TRACE_ID + "\""));
	}

	@Test
	void workOnTheApplicationTaskExecutorCarriesTheRequestsCorrelationId() throws Exception {
		// A batch's items run there; their log lines
		// and audit events must name the request.
		Executor executor = this.context.getBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME,
				Executor.class);
		CompletableFuture<@Nullable String> seen = new CompletableFuture<>();
		MDC.put(CorrelationId.MDC_KEY, TRACE_ID);
		try {
			executor.execute(() -> seen.complete(MDC.get(CorrelationId.MDC_KEY)));
		}
		finally {
			MDC.remove(CorrelationId.MDC_KEY);
		}

		assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(TRACE_ID);
	}

	@Test
	void spansAreNotExportedUnlessAnEndpointIsConfigured() {
		assertThat(this.context.getBeansOfType(SpanExporter.class).values())
			.noneMatch((exporter) -> exporter.getClass().getName().contains("Otlp"));
	}

	@Test
	void metricsAreNotPushedToAnOtlpReceiverUnlessEnabled() {
		assertThat(this.context.getBeansOfType(MeterRegistry.class).values()).isNotEmpty()
			.noneMatch(OtlpMeterRegistry.class::isInstance);
	}

	private ResponseEntity<JsonNode> get(String path, String token) {
		return this.api.exchange(HttpMethod.GET, path, token, null, Map.of());
	}

}
