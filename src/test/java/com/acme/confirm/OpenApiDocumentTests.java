package com.acme.confirm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.problem.ProblemCode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@code openapi/openapi.yaml} is what clients are generated from: it must
 * be what the service serves.
 * {@code ./mvnw test -Dtest=OpenApiDocumentTests -Dopenapi.write=true} rewrites it after
 * a deliberate change.
 */
class OpenApiDocumentTests extends IntegrationTests {

	private static final Path COMMITTED = Path.of("openapi/openapi.yaml");

	@Test
	void servedDocumentIsTheCommittedOne() throws IOException {
		String served = RestClient.create()
			.get()
			.uri(this.api.baseUrl() + "/v3/api-docs.yaml")
			.retrieve()
			.body(String.class);
		if (Boolean.getBoolean("openapi.write")) {
			Files.createDirectories(COMMITTED.getParent());
			Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
		}

		assertThat(served)
			.as("openapi/openapi.yaml drifted from the served document; if the change is "
					+ "deliberate, run ./mvnw test -Dtest=OpenApiDocumentTests -Dopenapi.write=true")
			.isEqualTo(Files.readString(COMMITTED, StandardCharsets.UTF_8));
	}

	@Test
	void everyOperationOfTheContractIsPublishedWithItsProblemsAndTheBearerScheme() {
		ResponseEntity<JsonNode> response = this.api.exchange(HttpMethod.GET, "/v3/api-docs", null, null, Map.of());
		JsonNode document = response.getBody();

		assertThat(document.findValuesAsString("operationId")).containsExactlyInAnyOrder("adminConfirmSignUp",
				"batchAdminConfirmSignUp", "confirmSignUp", "getUserStatus", "listUserPools", "listAuditEvents",
				"verifyAuditChain", "createConfirmationJob", "listConfirmationJobs", "getConfirmationJob",
				"listConfirmationJobItems", "pauseConfirmationJob", "resumeConfirmationJob", "cancelConfirmationJob");
		JsonNode create = document.path("paths")
			.path("/api/v1/user-pools/{userPoolId}/confirmation-jobs")
			.path("post")
			.path("requestBody")
			.path("content");
		assertThat(create.has("application/json")).isTrue();
		assertThat(create.has("text/csv")).isTrue();
		JsonNode confirm = document.path("paths").path("/api/v1/user-pools/{userPoolId}/confirm-sign-up").path("post");
		assertThat(confirm.path("responses")
			.path("422")
			.path("content")
			.path("application/problem+json")
			.path("examples")
			.has("CODE_MISMATCH")).isTrue();
		assertThat(confirm.path("responses").path("429").path("headers").has("Retry-After")).isTrue();
		assertThat(
				document.path("components").path("securitySchemes").path("bearer-jwt").path("bearerFormat").asString())
			.isEqualTo("JWT");
		assertThat(document.path("components")
			.path("schemas")
			.path("Problem")
			.path("properties")
			.path("code")
			.path("enum")
			.size()).isEqualTo(ProblemCode.values().length);
		JsonNode username = document.path("components")
			.path("schemas")
			.path("AdminConfirmSignUpRequest")
			.path("properties")
			.path("username");
		assertThat(username.path("maxLength").asInt()).isEqualTo(128);
		// Anchored (JSON Schema patterns match anywhere otherwise) and portable:
		// JavaScript
		// tools read \p{L} as the letter p unless compiled in Unicode mode.
		assertThat(username.path("pattern").asString()).isEqualTo("^[^\\u0000-\\u0020\\u007F-\\u009F]+$")
			.doesNotContain("\\p{");
		assertThat(username.path("description").asString()).contains("Unicode categories L, M, S, N, P");
		assertThat(document.findValues("pattern")
			.stream()
			.map(JsonNode::asString)
			.filter((pattern) -> pattern.contains("\\p{"))).isEmpty();
		JsonNode schemas = document.path("components").path("schemas");
		// Generated clients type always-present fields as non-optional.
		assertThat(schemas.path("ConfirmationResult").path("required").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("userPoolId", "username", "identifier", "outcome", "auditEventId");
		assertThat(schemas.path("BatchResultItem").path("properties").path("problem").path("$ref").asString())
			.isEqualTo("#/components/schemas/Problem");
		assertThat(schemas.has("ProblemDetail")).isFalse();
	}

}
