package com.acme.confirm.job;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.acme.confirm.confirmation.JobItemContext;
import com.acme.confirm.security.Caller;
import com.acme.confirm.web.RequestOrigin;
import org.jspecify.annotations.Nullable;

/**
 * A job as its row holds it.
 *
 * @param id the job
 * @param userPoolId the pool
 * @param state where it is
 * @param dryRun whether it only lists what would be confirmed
 * @param selection how its users were chosen
 * @param query the query, for a query job
 * @param listingToken the next ListUsers page of a query job
 * @param listed whether all of its users are in
 * @param reason the stated reason
 * @param clientMetadata passed on with each item
 * @param markEmailVerified also set email_verified
 * @param caller who created it
 * @param correlationId the creating request's correlation id, which the items' audit
 * events carry
 * @param origin where it was created from
 * @param lanes how many lanes its items are split into
 * @param total how many items it has (so far, for a query job still listed)
 * @param confirmed items confirmed
 * @param alreadyConfirmed items found confirmed
 * @param wouldConfirm items that would be confirmed
 * @param failed items that failed
 * @param createdAt when it was created
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param auditEventId the audit event of its creation
 */
record JobRow(UUID id, String userPoolId, JobState state, boolean dryRun, Selection selection,
		CreateConfirmationJobRequest.@Nullable JobQuery query, @Nullable String listingToken, boolean listed,
		@Nullable String reason, Map<String, String> clientMetadata, boolean markEmailVerified, Caller caller,
		String correlationId, RequestOrigin origin, int lanes, long total, long confirmed, long alreadyConfirmed,
		long wouldConfirm, long failed, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
		UUID auditEventId) {

	long done() {
		return this.confirmed + this.alreadyConfirmed + this.wouldConfirm + this.failed;
	}

	JobItemContext itemContext() {
		return new JobItemContext(this.id, this.caller, this.origin, this.userPoolId, this.reason, this.clientMetadata,
				this.markEmailVerified);
	}

	@Override
	public String toString() {
		return "JobRow[id=" + this.id + ", userPoolId=" + this.userPoolId + ", state=" + this.state + "]";
	}

	/** How a job's users were chosen. */
	enum Selection {

		LIST, CSV, QUERY

	}

}
