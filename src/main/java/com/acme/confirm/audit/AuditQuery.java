package com.acme.confirm.audit;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Filters of {@code GET /api/v1/audit-events}; every one is optional.
 *
 * @param userPoolId events on this user pool
 * @param username events on this user: its canonical username, sub or identifier as given
 * @param actor events by this caller (the token's subject)
 * @param action events of this operation
 * @param outcome events with this outcome ({@code PENDING} lists attempts whose outcome
 * was never recorded)
 * @param from events that occurred at or after this instant
 * @param to events that occurred before this instant
 * @param pageToken the {@code nextPageToken} of the previous page
 * @param pageSize events per page, 1 to 200 (default 50)
 */
record AuditQuery(@Size(max = 64) @Nullable String userPoolId, @Size(max = 256) @Nullable String username,
		@Size(max = 255) @Nullable String actor, @Nullable AuditAction action, @Nullable AuditOutcome outcome,
		@Nullable Instant from, @Nullable Instant to, @Size(max = 200) @Nullable String pageToken,
		@Min(1) @Max(200) @Nullable Integer pageSize) {

	static final int DEFAULT_PAGE_SIZE = 50;

	int limit() {
		return (this.pageSize != null) ? this.pageSize : DEFAULT_PAGE_SIZE;
	}

}
