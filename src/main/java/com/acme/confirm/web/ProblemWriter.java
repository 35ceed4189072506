package com.acme.confirm.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemDetails;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem detail straight to a servlet response, for the answers given before
 * Spring MVC runs (the request limits) or without it (the container's own rejections).
 */
final class ProblemWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemWriter() {
	}

	static void write(HttpServletResponse response, ProblemCode code, String detail, @Nullable String instance)
			throws IOException {
		response.setStatus(code.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(JSON.writeValueAsBytes(body(code, detail, instance)));
		response.flushBuffer();
	}

	/** The members of the problem, as the API's message converter writes them. */
	static Map<String, @Nullable Object> body(ProblemCode code, String detail, @Nullable String instance) {
		ProblemDetail problem = ProblemDetails.decorate(code, ProblemDetail.forStatusAndDetail(code.status(), detail),
				isUriReference(instance) ? instance : null);
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

	// The container's rejections may come with a request target that is no URI at all.
	private static boolean isUriReference(@Nullable String instance) {
		if (instance == null) {
			return false;
		}
		try {
			java.net.URI.create(instance);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
