package com.acme.confirm.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemResponses;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.UUIDSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * What the published OpenAPI document says beyond what springdoc reads from the
 * controllers: the bearer JWT scheme, the servers, the problem schema with its code enum,
 * and each operation's problem responses.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearer-jwt";

	static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	/**
	 * Problems any authenticated operation can answer; THROTTLED when the service is
	 * serving as many requests as it may at once.
	 */
	private static final List<ProblemCode> ALWAYS = List.of(ProblemCode.UNAUTHENTICATED, ProblemCode.THROTTLED,
			ProblemCode.INTERNAL_ERROR);

	@Bean
	OpenApiCustomizer documentCustomizer() {
		return (openApi) -> {
			openApi.info(new Info().title("cognito-confirm-service")
				.version("v1")
				.description("Confirms Amazon Cognito user sign-ups for staff tools: without a code "
						+ "(adminConfirmSignUp, batch) or with the code the user received (confirmSignUp). "
						+ "Callers present a bearer JWT of the company's identity provider; roles grant "
						+ "permissions per user pool. Every attempt is audited. Errors are RFC 9457 problem "
						+ "details with a stable code."));
			openApi.servers(List.of(new Server().url("http://localhost:8080").description("the local run")));
			Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
			components.addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("A JWT of the company's identity provider; roles come from its roles claim."));
			components.addSchemas(PROBLEM, problemSchema());
			components.addSchemas("FieldError", new ObjectSchema().description("One broken constraint")
				.addProperty("field", new StringSchema().description("The field's path, e.g. usernames[3]"))
				.addProperty("message", new StringSchema().description("What is wrong; never the rejected value")));
			openApi.components(components);
			openApi.security(List.of(new SecurityRequirement().addList(BEARER)));
			openApi.setPaths(sorted(openApi));
		};
	}

	@Bean
	OperationCustomizer problemResponsesCustomizer() {
		return (operation, handler) -> {
			ProblemResponses declared = handler.getMethodAnnotation(ProblemResponses.class);
			List<ProblemCode> codes = new java.util.ArrayList<>(ALWAYS);
			if (declared != null) {
				codes.addAll(Arrays.asList(declared.value()));
			}
			ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
			Map<Integer, List<ProblemCode>> byStatus = codes.stream()
				.distinct()
				.collect(Collectors.groupingBy((code) -> code.status().value(), TreeMap::new, Collectors.toList()));
			byStatus.forEach((status, statusCodes) -> responses.addApiResponse(String.valueOf(status),
					problemResponse(statusCodes)));
			operation.setResponses(responses);
			return operation;
		};
	}

	private static ApiResponse problemResponse(List<ProblemCode> codes) {
		MediaType problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
		Map<String, io.swagger.v3.oas.models.examples.Example> examples = new LinkedHashMap<>();
		for (ProblemCode code : codes) {
			Map<String, Object> example = new LinkedHashMap<>();
			example.put("type", code.type().toString());
			example.put("title", code.title());
			example.put("status", code.status().value());
			example.put("detail", code.title() + ".");
			example.put("instance", "/api/v1/...");
			example.put("code", code.name());
			example.put("correlationId", "4f1c7a52-2f1e-4f7b-9a3e-0c6f1d2b7a10");
			examples.put(code.name(),
					new io.swagger.v3.oas.models.examples.Example().summary(code.title()).value(example));
		}
		problem.setExamples(examples);
		ApiResponse response = new ApiResponse()
			.description(
					codes.stream().map((code) -> code.name() + ": " + code.title()).collect(Collectors.joining("; ")))
			.content(new Content().addMediaType(PROBLEM_JSON, problem));
		if (codes.contains(ProblemCode.THROTTLED) || codes.contains(ProblemCode.TOO_MANY_FAILED_ATTEMPTS)
				|| codes.contains(ProblemCode.COGNITO_UNAVAILABLE)) {
			response.addHeaderObject(HttpHeaders.RETRY_AFTER,
					new Header().description("Seconds to wait before retrying (THROTTLED, open circuit)")
						.schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)));
		}
		return response;
	}

	private static Schema<?> problemSchema() {
		StringSchema code = new StringSchema();
		code.description("The stable problem code; type ends in it, in lower-kebab case");
		Arrays.stream(ProblemCode.values()).forEach((value) -> code.addEnumItem(value.name()));
		return new ObjectSchema().description("RFC 9457 problem detail")
			.addRequiredItem("type")
			.addRequiredItem("title")
			.addRequiredItem("status")
			.addRequiredItem("code")
			.addRequiredItem("correlationId")
			.addProperty("type", new StringSchema().format("uri"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema().format("int32"))
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema().format("uri-reference"))
			.addProperty("code", code)
			.addProperty("correlationId", new StringSchema().description("Also in the X-Correlation-Id header"))
			.addProperty("auditEventId", new UUIDSchema().description("The audit event of the attempt"))
			.addProperty("cognitoError",
					new StringSchema().description("Cognito's error code, e.g. CodeMismatchException"))
			.addProperty("userStatus",
					new StringSchema().description("The user's status as the failed operation last read it: why it is "
							+ "USER_NOT_CONFIRMABLE (DISABLED for a disabled user); after a Cognito failure, "
							+ "the status read to settle it (UNKNOWN when it could not be read, so the "
							+ "outcome is not known)"))
			.addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
				.description("VALIDATION_FAILED: each broken constraint"));
	}

	private static io.swagger.v3.oas.models.Paths sorted(OpenAPI openApi) {
		io.swagger.v3.oas.models.Paths paths = new io.swagger.v3.oas.models.Paths();
		if (openApi.getPaths() != null) {
			new TreeMap<>(openApi.getPaths()).forEach(paths::addPathItem);
		}
		return paths;
	}

}
