package com.acme.confirm.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import com.acme.confirm.problem.ProblemCode;
import jakarta.servlet.RequestDispatcher;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * Answers what the container rejects before any servlet runs (a request target with
 * unencoded characters, a malformed or oversized header) as a problem detail instead of
 * Tomcat's HTML page, and logs it in one line without a stack trace. Anything Spring MVC
 * answered is left as it is: the valve only writes where nothing was written.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		ProblemCode code = ProblemCode.forStatus(status);
		Throwable cause = (throwable != null) ? throwable
				: (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) ? failure
						: null;
		// Neither the request target nor the failure's message: either may quote what the
		// caller sent.
		log.info("Request rejected by the server with {} {}{}", status, code,
				(cause != null) ? " (" + cause.getClass().getName() + ")" : "");
		try {
			response.resetBuffer();
			response.setStatus(code.status().value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(JSON.writeValueAsString(ProblemWriter.body(code, code.title() + ".", instance(request))));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			log.debug("The problem detail of a rejected request could not be written: {}", ex.toString());
		}
	}

	private static @Nullable String instance(Request request) {
		try {
			return request.getRequestURI();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
