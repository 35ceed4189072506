package com.acme.confirm.audit;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A request as its audit event records it. The request records of the operations
 * implement it, so that what an event says of its target is decided in one place per
 * request type.
 */
public interface AuditedRequest {

	/** A request of which nothing could be read (a malformed body). */
	AuditedRequest UNREADABLE = () -> null;

	/** The user the request names, as the caller gave it. */
	@Nullable String auditedUsername();

	/** The app client the request names. */
	default @Nullable String auditedAppClientId() {
		return null;
	}

	/** The reason the caller stated. */
	default @Nullable String auditedReason() {
		return null;
	}

	/**
	 * The usernames of a batch, when the request is one: a batch refused as a whole is
	 * one event that names them.
	 */
	default @Nullable List<@Nullable String> auditedBatch() {
		return null;
	}

	/** The keys (never the values) of the clientMetadata passed on. */
	default List<String> auditedMetadataKeys() {
		return List.of();
	}

	/** The confirmation job the request is an item or an action of. */
	default @Nullable UUID auditedJobId() {
		return null;
	}

	/**
	 * This request as an item or an action of a confirmation job.
	 * @param jobId the job
	 * @return the request, audited with the job's id
	 */
	default AuditedRequest inJob(UUID jobId) {
		return new JobScopedRequest(this, jobId);
	}

}
