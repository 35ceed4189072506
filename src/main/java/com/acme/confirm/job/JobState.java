package com.acme.confirm.job;

/**
 * Where a confirmation job is.
 */
enum JobState {

	/** Created; no item attempted yet. */
	QUEUED,

	/** Items are being confirmed. */
	RUNNING,

	/** Stopped by a caller until resumed; no item is started meanwhile. */
	PAUSED,

	/** Stopped for good by a caller; the items not yet attempted stay unattempted. */
	CANCELLED,

	/** Every item has its outcome, none failed. */
	SUCCEEDED,

	/** Every item has its outcome, some failed. */
	COMPLETED_WITH_FAILURES,

	/** The job could not go on (its users could not be listed). */
	FAILED;

	boolean isFinal() {
		return this == CANCELLED || this == SUCCEEDED || this == COMPLETED_WITH_FAILURES || this == FAILED;
	}

}
