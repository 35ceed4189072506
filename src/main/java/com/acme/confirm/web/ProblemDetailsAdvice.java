package com.acme.confirm.web;

import java.util.ArrayList;
import java.util.List;

import com.acme.confirm.logging.WithoutMessages;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemDetails;
import com.acme.confirm.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem detail with a stable {@code type} and
 * {@code code}. Messages of exceptions never reach the caller: only the details written
 * for callers do. Where the attempt was audited before it failed, the problem names its
 * audit event.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ResponseEntity<Object> handleProblem(ProblemException ex, NativeWebRequest request) {
		if (ex.code().status().is5xxServerError()) {
			log.warn("Request failed with {}: {} {}", ex.code(), ex.detail(), ex.properties(), ex.getCause());
		}
		ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.code().status(), ex.detail());
		ex.properties().forEach(body::setProperty);
		HttpHeaders headers = new HttpHeaders();
		if (ex.retryAfter() != null) {
			long seconds = (ex.retryAfter().toMillis() + 999) / 1000;
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
		}
		return respond(ex.code(), body, headers, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> handleUnauthenticated(AuthenticationException ex, NativeWebRequest request) {
		log.debug("Unauthenticated request: {}", ex.getMessage());
		return respond(ProblemCode.UNAUTHENTICATED,
				ProblemDetail.forStatusAndDetail(ProblemCode.UNAUTHENTICATED.status(),
						"A valid bearer token from the trusted identity provider is required."),
				new HttpHeaders(), request);
	}

	@ExceptionHandler
	ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, NativeWebRequest request) {
		return respond(ProblemCode.FORBIDDEN, ProblemDetail.forStatusAndDetail(ProblemCode.FORBIDDEN.status(),
				"The caller's roles do not permit this operation."), new HttpHeaders(), request);
	}

	@ExceptionHandler
	ResponseEntity<Object> handleUnexpected(Exception ex, NativeWebRequest request) {
		// an unexpected exception's message may quote Cognito's (a wrapped SDK exception)
		log.error("Unexpected failure", WithoutMessages.of(ex));
		return respond(ProblemCode.INTERNAL_ERROR, ProblemDetail.forStatusAndDetail(ProblemCode.INTERNAL_ERROR.status(),
				"Internal error; quote the correlationId."), new HttpHeaders(), request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors().forEach((error) -> errors.add(FieldProblem.of(error)));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.add(new FieldProblem(error.getObjectName(), messageOf(error))));
		return validationFailed(errors, headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String parameter = result.getMethodParameter().getParameterName();
			result.getResolvableErrors().forEach((error) -> {
				if (error instanceof FieldError fieldError) {
					errors.add(FieldProblem.of(fieldError));
				}
				else {
					errors.add(new FieldProblem((parameter != null) ? parameter : "request", messageOf(error)));
				}
			});
		});
		return validationFailed(errors, headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// Jackson's own messages quote the input, which may hold a confirmation code:
		// never pass them on.
		if (PayloadTooLargeException.causedIt(ex)) {
			// Nothing more of the body is read: the connection closes after the answer.
			headers.set(HttpHeaders.CONNECTION, "close");
			return respond(ProblemCode.PAYLOAD_TOO_LARGE, ProblemDetail.forStatusAndDetail(
					ProblemCode.PAYLOAD_TOO_LARGE.status(), BodyLimitFilter.detail(limitOf(ex))), headers, request);
		}
		Throwable cause = ex.getMostSpecificCause();
		List<FieldProblem> errors = new ArrayList<>();
		String detail = "The request body is not valid JSON for this operation.";
		if (cause instanceof UnrecognizedPropertyException unknown) {
			errors.add(new FieldProblem(path(unknown), "is not a field of this request"));
			detail = "The request body has a field this operation does not know.";
		}
		else if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			errors.add(new FieldProblem(path(databind), "has the wrong type or format"));
		}
		else if (!(cause instanceof JacksonException)) {
			detail = "A request body is required.";
		}
		ProblemDetail body = ProblemDetail.forStatusAndDetail(ProblemCode.VALIDATION_FAILED.status(), detail);
		body.setProperty("errors", errors);
		return respond(ProblemCode.VALIDATION_FAILED, body, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail : ProblemDetail.forStatus(statusCode);
		return respond(ProblemCode.forStatus(statusCode.value()), problem, headers, request);
	}

	private ResponseEntity<Object> validationFailed(List<FieldProblem> errors, HttpHeaders headers,
			WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(ProblemCode.VALIDATION_FAILED.status(),
				"The request breaks " + errors.size() + " constraint(s); see errors.");
		body.setProperty("errors", errors);
		return respond(ProblemCode.VALIDATION_FAILED, body, headers, request);
	}

	private ResponseEntity<Object> respond(ProblemCode code, ProblemDetail body, HttpHeaders headers,
			WebRequest request) {
		Object auditEventId = request.getAttribute(ProblemDetails.AUDIT_EVENT_ID_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		if (auditEventId != null) {
			body.setProperty(ProblemDetails.AUDIT_EVENT_ID, auditEventId);
		}
		String path = (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI() : null;
		return ResponseEntity.status(code.status()).headers(headers).body(ProblemDetails.decorate(code, body, path));
	}

	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "request" : path.toString();
	}

	private static long limitOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return tooLarge.limit();
			}
		}
		return 0;
	}

	private static String messageOf(MessageSourceResolvable error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	/**
	 * One broken constraint: the field's path and what is wrong, never the rejected
	 * value.
	 */
	record FieldProblem(String field, String message) {

		static FieldProblem of(FieldError error) {
			// A conversion failure's default message quotes the rejected value.
			return new FieldProblem(error.getField(),
					error.isBindingFailure() ? "has the wrong type or format" : messageOf(error));
		}

	}

}
