package com.acme.confirm.web;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ProblemDetail;

/**
 * Problem details for failures that are reported inside a successful response, such as
 * the items of a batch.
 */
public final class Problems {

	private Problems() {
	}

	/**
	 * The problem detail the API would answer for this failure on its own.
	 */
	public static ProblemDetail of(ProblemException ex, @Nullable String instance) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.code().status(), ex.detail());
		ex.properties().forEach(body::setProperty);
		return ProblemDetailsAdvice.decorate(ex.code(), body, instance);
	}

}
