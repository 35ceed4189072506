package com.acme.confirm.audit;

import java.util.Map;

import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemDetails;
import com.acme.confirm.security.CurrentCaller;
import com.acme.confirm.web.PayloadTooLargeException;
import com.acme.confirm.web.RequestOrigin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Audits a request to an {@link Audited} handler that Spring rejected as invalid before
 * the handler ran, with whatever of it could be read, when an authenticated caller sent
 * it. It resolves nothing: the problem is still answered by the exception handlers, which
 * find the event's id in the request attribute
 * {@link ProblemDetails#AUDIT_EVENT_ID_ATTRIBUTE}.
 */
final class RejectedRequestAudit implements HandlerExceptionResolver {

	private final AuditLog auditLog;

	private final CurrentCaller currentCaller;

	RejectedRequestAudit(AuditLog auditLog, CurrentCaller currentCaller) {
		this.auditLog = auditLog;
		this.currentCaller = currentCaller;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!(handler instanceof HandlerMethod method) || !isRejection(ex)) {
			return null;
		}
		Audited audited = method.getMethodAnnotation(Audited.class);
		if (audited == null) {
			return null;
		}
		AuditedRequest body = (bodyOf(ex) instanceof AuditedRequest readable) ? readable : AuditedRequest.UNREADABLE;
		String userPoolId = pathVariables(request).getOrDefault("userPoolId", "");
		this.currentCaller.get()
			.flatMap((caller) -> this.auditLog.rejected(audited.value(), caller, RequestOrigin.of(request), userPoolId,
					body,
					PayloadTooLargeException.causedIt(ex) ? ProblemCode.PAYLOAD_TOO_LARGE
							: ProblemCode.VALIDATION_FAILED))
			.ifPresent((id) -> request.setAttribute(ProblemDetails.AUDIT_EVENT_ID_ATTRIBUTE, id));
		return null;
	}

	private static boolean isRejection(Exception ex) {
		return ex instanceof MethodArgumentNotValidException || ex instanceof HandlerMethodValidationException
				|| ex instanceof HttpMessageNotReadableException;
	}

	private static @Nullable Object bodyOf(Exception ex) {
		if (ex instanceof MethodArgumentNotValidException invalid) {
			return invalid.getBindingResult().getTarget();
		}
		if (ex instanceof HandlerMethodValidationException invalid) {
			return invalid.getParameterValidationResults()
				.stream()
				.filter((result) -> result.getMethodParameter().hasParameterAnnotation(RequestBody.class))
				.map((result) -> result.getArgument())
				.findFirst()
				.orElse(null);
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> pathVariables(HttpServletRequest request) {
		return (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)
				? (Map<String, String>) variables : Map.of();
	}

}
