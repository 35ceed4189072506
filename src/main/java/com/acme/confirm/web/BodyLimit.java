package com.acme.confirm.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The body size limit of a handler method's requests, when it is not the standard one
 * ({@code confirm.web.body-limits.standard}). A body past its limit is answered
 * {@code 413 PAYLOAD_TOO_LARGE} and nothing is read past it.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface BodyLimit {

	/** Which of {@code confirm.web.body-limits} applies. */
	Kind value();

	/**
	 * The limits there are, each a property of {@code confirm.web.body-limits}. A new
	 * kind of body (an upload) gets a constant here and a property in
	 * {@link WebProperties.BodyLimits}.
	 */
	enum Kind {

		/** One operation on one user: {@code confirm.web.body-limits.standard}. */
		STANDARD,

		/** A batch of up to 100 users: {@code confirm.web.body-limits.batch}. */
		BATCH,

		/**
		 * A confirmation job of up to 10,000 users, as JSON:
		 * {@code confirm.web.body-limits.job}.
		 */
		JOB,

		/**
		 * A streamed upload (a CSV of up to 1,000,000 usernames), never held in memory
		 * whole and not JSON: {@code confirm.web.body-limits.upload}.
		 */
		UPLOAD;

		/** Whether the body is JSON, which Jackson's document limit must admit. */
		boolean json() {
			return this != UPLOAD;
		}

	}

}
