package com.acme.confirm.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.acme.confirm.support.Api;
import com.acme.confirm.support.IdentityProvider;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail's endpoints as an auditor reads them, for the audit tests.
 */
final class AuditTrailApi {

	private final Supplier<Api> api;

	private final IdentityProvider idp;

	/**
	 * @param api the test's client of the service (a new one for each test)
	 * @param idp the identity provider that issues the auditor's token
	 */
	AuditTrailApi(Supplier<Api> api, IdentityProvider idp) {
		this.api = api;
		this.idp = idp;
	}

	String auditor() {
		return this.idp.token("auditor-1", "auditor");
	}

	JsonNode get(String path) {
		ResponseEntity<JsonNode> response = this.api.get().exchange(HttpMethod.GET, path, auditor(), null, Map.of());
		assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
		return response.getBody();
	}

	List<JsonNode> events(String query) {
		List<JsonNode> events = new ArrayList<>();
		get("/api/v1/audit-events?pageSize=200&" + query).path("events").forEach(events::add);
		return events;
	}

	JsonNode onlyEvent(String query) {
		List<JsonNode> events = events(query);
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	/**
	 * A full verification: every link re-hashed from the last purged one, as every
	 * verification was before the checkpoint.
	 */
	JsonNode verification() {
		return get("/api/v1/audit-events/verification?full=true");
	}

	/** A verification from the checkpoint, the endpoint's default. */
	JsonNode incrementalVerification() {
		return get("/api/v1/audit-events/verification");
	}

	/** The verification's answer as it is, whatever its status. */
	ResponseEntity<JsonNode> verificationResponse(String query) {
		return this.api.get()
			.exchange(HttpMethod.GET, "/api/v1/audit-events/verification" + query, auditor(), null, Map.of());
	}

}
