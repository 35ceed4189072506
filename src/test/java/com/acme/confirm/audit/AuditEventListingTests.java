package com.acme.confirm.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing audit events: pages in a stable order without repeats, the filters, and who may
 * list with which parameters.
 */
class AuditEventListingTests extends IntegrationTests {

	private final AuditTrailApi auditTrail = new AuditTrailApi(() -> this.api, this.idp);

	@Test
	void listWhenPagedThenStableOrderWithoutRepeatsAndFiltersApply() {
		String username = newUsername("paged");
		for (int i = 0; i < 5; i++) {
			this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", username));
		}
		this.api.confirm(TestPools.CUSTOMERS, agent(),
				Map.of("clientId", "unknownclient", "username", username, "confirmationCode", "1"));

		List<String> ids = new ArrayList<>();
		String token = null;
		int pages = 0;
		do {
			JsonNode page = this.auditTrail.get("/api/v1/audit-events?username=" + username + "&pageSize=2"
					+ ((token != null) ? "&pageToken=" + token : ""));
			page.path("events").forEach((event) -> ids.add(event.path("id").asString()));
			token = page.has("nextPageToken") ? page.path("nextPageToken").asString() : null;
			pages++;
		}
		while (token != null);

		assertThat(pages).isEqualTo(3);
		assertThat(ids).hasSize(6).doesNotHaveDuplicates();
		List<String> all = this.auditTrail.events("username=" + username)
			.stream()
			.map((e) -> e.path("id").asString())
			.toList();
		assertThat(ids).isEqualTo(all);
		assertThat(this.auditTrail.events("username=" + username + "&action=CONFIRM_SIGN_UP")).hasSize(1);
		assertThat(this.auditTrail.events("username=" + username + "&outcome=DENIED")).hasSize(5);
		assertThat(this.auditTrail.events("username=" + username + "&actor=agent-1&userPoolId=" + TestPools.CUSTOMERS))
			.hasSize(6);
		assertThat(this.auditTrail.events("username=" + username + "&actor=admin-1")).isEmpty();
		assertThat(this.auditTrail.events("username=" + username + "&to=2000-01-01T00:00:00Z")).isEmpty();
		assertThat(this.auditTrail.events("username=" + username + "&from=2000-01-01T00:00:00Z")).hasSize(6);
	}

	@Test
	void listWhenNotAuditorThenForbiddenAndWhenBadFilterThenValidationFailed() {
		ResponseEntity<JsonNode> asAdmin = this.api.exchange(HttpMethod.GET, "/api/v1/audit-events", admin(), null,
				Map.of());
		ResponseEntity<JsonNode> badSize = this.api.exchange(HttpMethod.GET, "/api/v1/audit-events?pageSize=201",
				this.auditTrail.auditor(), null, Map.of());
		ResponseEntity<JsonNode> badOutcome = this.api.exchange(HttpMethod.GET, "/api/v1/audit-events?outcome=MAYBE",
				this.auditTrail.auditor(), null, Map.of());
		ResponseEntity<JsonNode> badToken = this.api.exchange(HttpMethod.GET, "/api/v1/audit-events?pageToken=bm9wZQ",
				this.auditTrail.auditor(), null, Map.of());

		assertThat(asAdmin.getStatusCode().value()).isEqualTo(403);
		assertThat(badSize.getBody().path("errors").get(0).path("field").asString()).isEqualTo("pageSize");
		assertThat(badOutcome.getBody().path("errors").get(0).path("field").asString()).isEqualTo("outcome");
		assertThat(badToken.getBody().path("errors").get(0).path("field").asString()).isEqualTo("pageToken");
	}

}
