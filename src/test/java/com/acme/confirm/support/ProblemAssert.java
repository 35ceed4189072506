package com.acme.confirm.support;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on the service's problem details. Every problem it answers, on its own or
 * inside a batch result, carries its HTTP status as {@code status} and its {@code code}.
 */
public final class ProblemAssert {

	private ProblemAssert() {
	}

	/**
	 * Asserts that an answer has the given HTTP status and is the problem with that code.
	 * @param response the answer
	 * @param status the expected HTTP status
	 * @param code the expected problem code
	 * @return the problem, for further assertions
	 */
	public static JsonNode assertProblem(ResponseEntity<JsonNode> response, int status, String code) {
		assertThat(response.getStatusCode().value()).as("HTTP status of %s", response).isEqualTo(status);
		return assertProblem(response.getBody(), status, code);
	}

	/**
	 * As {@link #assertProblem(ResponseEntity, int, String)}, and the answer is
	 * {@code application/problem+json}.
	 * @param response the answer
	 * @param status the expected HTTP status
	 * @param code the expected problem code
	 * @return the problem, for further assertions
	 */
	public static JsonNode assertProblemJson(ResponseEntity<JsonNode> response, int status, String code) {
		JsonNode problem = assertProblem(response, status, code);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		return problem;
	}

	/**
	 * Asserts that a problem detail (a batch item's, or one read from elsewhere) has the
	 * given status and code.
	 * @param problem the problem detail
	 * @param status the expected status
	 * @param code the expected problem code
	 * @return the problem, for further assertions
	 */
	public static JsonNode assertProblem(@Nullable JsonNode problem, int status, String code) {
		assertThat(problem).as("problem detail").isNotNull();
		assertThat(problem.path("code").asString()).as("code of %s", problem).isEqualTo(code);
		assertThat(problem.path("status").asInt()).as("status of %s", problem).isEqualTo(status);
		return problem;
	}

}
