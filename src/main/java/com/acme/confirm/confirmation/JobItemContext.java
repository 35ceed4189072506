package com.acme.confirm.confirmation;

import java.util.Map;
import java.util.UUID;

import com.acme.confirm.security.Caller;
import com.acme.confirm.web.RequestOrigin;
import org.jspecify.annotations.Nullable;

/**
 * What every item of a confirmation job is confirmed with: the job's creator and request,
 * as adminConfirmSignUp would have them.
 *
 * @param jobId the job
 * @param caller who created the job
 * @param origin where the job was created from
 * @param userPoolId the pool
 * @param reason the stated reason
 * @param clientMetadata passed to the PostConfirmation trigger
 * @param markEmailVerified also set {@code email_verified=true}
 */
public record JobItemContext(UUID jobId, Caller caller, RequestOrigin origin, String userPoolId,
		@Nullable String reason, Map<String, String> clientMetadata, boolean markEmailVerified) {

	@Override
	public String toString() {
		return "JobItemContext[jobId=" + this.jobId + ", userPoolId=" + this.userPoolId + ", clientMetadata="
				+ ClientMetadata.redacted(this.clientMetadata) + "]";
	}

}
