package com.acme.confirm.problem;

import java.io.Serial;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A failure the API reports as a problem detail with a stable {@link ProblemCode}. The
 * detail is written for callers: it never carries an AWS message, a secret or a code.
 */
public class ProblemException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final ProblemCode code;

	private final String detail;

	private final transient Map<String, Object> properties = new LinkedHashMap<>();

	private @Nullable Duration retryAfter;

	public ProblemException(ProblemCode code, String detail) {
		this(code, detail, null);
	}

	public ProblemException(ProblemCode code, String detail, @Nullable Throwable cause) {
		super(code + ": " + detail, cause);
		this.code = code;
		this.detail = detail;
	}

	public ProblemCode code() {
		return this.code;
	}

	public String detail() {
		return this.detail;
	}

	/**
	 * Adds an extension member to the problem detail.
	 */
	public ProblemException with(String name, Object value) {
		this.properties.put(name, value);
		return this;
	}

	public ProblemException retryAfter(Duration retryAfter) {
		this.retryAfter = retryAfter;
		return this;
	}

	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(this.properties);
	}

	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
