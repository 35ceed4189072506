package com.acme.confirm.problem;

import java.net.URI;

import com.acme.confirm.correlation.CorrelationId;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ProblemDetail;

/**
 * Builds every problem detail body of the API, whether it is a response of its own or the
 * problem of one item of a batch.
 */
public final class ProblemDetails {

	/**
	 * Extension member with the user's status as the failed operation last read it
	 * ({@code UNKNOWN} when it could not be read, {@code DISABLED} for a disabled user).
	 */
	public static final String USER_STATUS = "userStatus";

	/** Extension member naming the audit event of the attempt. */
	public static final String AUDIT_EVENT_ID = "auditEventId";

	/**
	 * Request attribute under which the audit event of a rejected request is left for the
	 * problem that answers it.
	 */
	public static final String AUDIT_EVENT_ID_ATTRIBUTE = ProblemDetails.class.getName() + ".auditEventId";

	private ProblemDetails() {
	}

	/**
	 * The problem detail the API answers for this failure.
	 * @param ex the failure
	 * @param instance the request path, if known
	 * @return the body
	 */
	public static ProblemDetail of(ProblemException ex, @Nullable String instance) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.code().status(), ex.detail());
		ex.properties().forEach(body::setProperty);
		return decorate(ex.code(), body, instance);
	}

	/**
	 * Gives a problem detail the members every problem of this API has: the code's type,
	 * title and status, a detail, the code, the correlation id and the instance.
	 * @param code the problem code
	 * @param body the body, with its detail and extensions so far
	 * @param instance the request path, if known
	 * @return the same body
	 */
	public static ProblemDetail decorate(ProblemCode code, ProblemDetail body, @Nullable String instance) {
		body.setType(code.type());
		body.setTitle(code.title());
		body.setStatus(code.status().value());
		if (body.getDetail() == null || body.getDetail().isBlank()) {
			body.setDetail(code.title() + ".");
		}
		body.setProperty("code", code.name());
		body.setProperty("correlationId", CorrelationId.current());
		if (instance != null) {
			body.setInstance(URI.create(instance));
		}
		return body;
	}

}
