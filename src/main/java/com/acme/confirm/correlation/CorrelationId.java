package com.acme.confirm.correlation;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The id that ties a request's logs, problem detail and audit event together.
 */
public final class CorrelationId {

	/** Request and response header that carries the id. */
	public static final String HEADER = "X-Correlation-Id";

	/**
	 * The W3C trace context header; its trace id is the correlation id when no other is
	 * given.
	 */
	public static final String TRACEPARENT = "traceparent";

	/** MDC key (and structured log field) holding the id. */
	public static final String MDC_KEY = "correlationId";

	// Accepting any caller value would let it inject text into logs and headers.
	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private CorrelationId() {
	}

	/**
	 * The current request's id, or a fresh one outside a request.
	 */
	public static String current() {
		String id = MDC.get(MDC_KEY);
		return (id != null) ? id : newId();
	}

	private static final Pattern TRACE_PARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

	/**
	 * The caller's X-Correlation-Id if it is acceptable, else the trace id of its W3C
	 * traceparent, else a new id.
	 */
	static String of(@Nullable String offered, @Nullable String traceparent) {
		if (offered != null && ACCEPTED.matcher(offered).matches()) {
			return offered;
		}
		if (traceparent != null) {
			Matcher trace = TRACE_PARENT.matcher(traceparent.strip());
			if (trace.matches() && !trace.group(1).chars().allMatch((c) -> c == '0')) {
				return trace.group(1);
			}
		}
		return newId();
	}

	private static String newId() {
		return UUID.randomUUID().toString();
	}

}
