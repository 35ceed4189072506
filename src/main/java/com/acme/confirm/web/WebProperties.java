package com.acme.confirm.web;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP settings of the service.
 *
 * @param cors cross-origin access for the admin dashboard
 * @param bodyLimits the largest request body of each kind of operation
 * @param maxConcurrentRequests requests served at once (actuator endpoints aside); one
 * more is answered {@code 429 THROTTLED} with {@code Retry-After} at once, before its
 * token is checked or its body read
 * @param shedRetryAfter the {@code Retry-After} of a request refused for
 * {@code max-concurrent-requests}
 */
@Validated
@ConfigurationProperties("confirm.web")
record WebProperties(@DefaultValue Cors cors, @DefaultValue BodyLimits bodyLimits,
		@DefaultValue("200") @Min(1) int maxConcurrentRequests, @DefaultValue("1s") @NotNull Duration shedRetryAfter) {

	/**
	 * Cross-origin settings.
	 *
	 * @param allowedOrigins origins of the admin dashboard allowed to call the API from a
	 * browser; empty allows none
	 */
	record Cors(@DefaultValue List<String> allowedOrigins) {
	}

	/**
	 * Request body limits, enforced while the body is read (chunked bodies too) and from
	 * Content-Length before anything is read; the JSON parser's document limit is the
	 * largest of the JSON ones.
	 *
	 * @param standard the body of an operation on one user (adminConfirmSignUp,
	 * confirmSignUp)
	 * @param batch the body of batchAdminConfirmSignUp
	 * @param job the JSON body of createConfirmationJob (up to 10,000 usernames of up to
	 * 128 characters with their metadata)
	 * @param upload the {@code text/csv} body of createConfirmationJob, read as a stream
	 * (up to 1,000,000 usernames, a line each)
	 */
	record BodyLimits(@DefaultValue("64KB") @NotNull DataSize standard, @DefaultValue("256KB") @NotNull DataSize batch,
			@DefaultValue("2MB") @NotNull DataSize job, @DefaultValue("256MB") @NotNull DataSize upload) {

		long bytes(BodyLimit.Kind kind) {
			return switch (kind) {
				case STANDARD -> this.standard.toBytes();
				case BATCH -> this.batch.toBytes();
				case JOB -> this.job.toBytes();
				case UPLOAD -> this.upload.toBytes();
			};
		}

		/** The largest JSON body: the JSON parser's document limit. */
		long largestJson() {
			long largest = 0;
			for (BodyLimit.Kind kind : BodyLimit.Kind.values()) {
				if (kind.json()) {
					largest = Math.max(largest, bytes(kind));
				}
			}
			return largest;
		}

	}

}
