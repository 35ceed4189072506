package com.acme.confirm.audit;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A request as an item or an action of a confirmation job: what it says of itself, and
 * the job.
 *
 * @param request the request
 * @param jobId the job
 */
record JobScopedRequest(AuditedRequest request, UUID jobId) implements AuditedRequest {

	@Override
	public @Nullable String auditedUsername() {
		return this.request.auditedUsername();
	}

	@Override
	public @Nullable String auditedAppClientId() {
		return this.request.auditedAppClientId();
	}

	@Override
	public @Nullable String auditedReason() {
		return this.request.auditedReason();
	}

	@Override
	public @Nullable List<@Nullable String> auditedBatch() {
		return this.request.auditedBatch();
	}

	@Override
	public List<String> auditedMetadataKeys() {
		return this.request.auditedMetadataKeys();
	}

	@Override
	public UUID auditedJobId() {
		return this.jobId;
	}

}
