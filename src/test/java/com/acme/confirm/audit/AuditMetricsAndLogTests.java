package com.acme.confirm.audit;

import java.util.Map;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each completed audit event is counted in {@code confirm.audit.events} by action and
 * outcome, and written as a structured (JSON) log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditMetricsAndLogTests extends IntegrationTests {

	private final AuditTrailApi auditTrail = new AuditTrailApi(() -> this.api, this.idp);

	private final MeterRegistry meterRegistry;

	AuditMetricsAndLogTests(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@Test
	void completedEventsAreCountedAndLoggedAsStructuredLines(CapturedOutput output) {
		String username = newUsername("counted");
		double before = count("ADMIN_CONFIRM_SIGN_UP", "DENIED");

		this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", username));

		assertThat(count("ADMIN_CONFIRM_SIGN_UP", "DENIED")).isEqualTo(before + 1);
		JsonMapper json = JsonMapper.builder().build();
		assertThat(output.getAll().lines().filter((line) -> line.startsWith("{") && line.contains(username)))
			.map(json::readTree)
			.anySatisfy((line) -> {
				assertThat(line.path("audit").path("action").asString()).isEqualTo("ADMIN_CONFIRM_SIGN_UP");
				assertThat(line.path("audit").path("outcome").asString()).isEqualTo("DENIED");
				assertThat(line.path("audit").path("target").path("username").asString()).isEqualTo(username);
				assertThat(line.path("correlationId").asString()).isNotBlank();
			});
	}

	private double count(String action, String outcome) {
		var counter = this.meterRegistry.find("confirm.audit.events")
			.tags("action", action, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
