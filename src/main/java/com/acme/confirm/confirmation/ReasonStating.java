package com.acme.confirm.confirmation;

import java.util.List;
import java.util.Map;

import com.acme.confirm.audit.AuditedRequest;
import org.jspecify.annotations.Nullable;

/**
 * A confirmation without a code: it states a reason and passes clientMetadata on, both of
 * which its audit event records (the metadata's keys only).
 */
interface ReasonStating extends AuditedRequest {

	@Nullable String reason();

	@Nullable Map<String, String> clientMetadata();

	/** The reason, without surrounding space; {@code null} when none was given. */
	default @Nullable String statedReason() {
		String reason = reason();
		return (reason != null && !reason.isBlank()) ? reason.strip() : null;
	}

	default Map<String, String> metadata() {
		return ClientMetadata.orEmpty(clientMetadata());
	}

	@Override
	default @Nullable String auditedReason() {
		return statedReason();
	}

	@Override
	default List<String> auditedMetadataKeys() {
		return ClientMetadata.keys(metadata());
	}

}
