package com.acme.confirm.job;

import org.jspecify.annotations.Nullable;

/**
 * The limits of a job's selection that the contract fixes.
 */
final class JobLimits {

	/** The most usernames of an inline list. */
	static final int INLINE_USERNAMES_MAX = 10_000;

	/** The longest line of a CSV upload, in characters, before it is refused unread. */
	static final int CSV_LINE_MAX = 1024;

	private JobLimits() {
	}

	/** The reason without surrounding space; {@code null} when none was given. */
	static @Nullable String stated(@Nullable String reason) {
		return (reason != null && !reason.isBlank()) ? reason.strip() : null;
	}

}
