package com.acme.confirm.audit;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The result of checking the audit trail's hash chain.
 *
 * @param valid whether every link checked holds
 * @param checkedEvents how many links were checked before the answer
 * @param firstSeq the first link checked
 * @param lastSeq the chain's newest link when the verification began
 * @param brokenAtSeq the first link that does not hold
 * @param brokenEventId the event stored at that link, if it is there
 * @param problem what is wrong with it
 * @param full whether the whole chain was checked, rather than the links after the
 * checkpoint
 * @param verifiedAt when the verification ended
 * @param checkpointSeq the link an earlier verification found intact that this one
 * started from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChainVerification(
		@Schema(requiredMode = REQUIRED,
				description = "Whether every link checked holds: links firstSeq to lastSeq, and the checkpoint's link "
						+ "unchanged") boolean valid,
		@Schema(requiredMode = REQUIRED,
				description = "How many links were checked before the answer") long checkedEvents,
		@Schema(description = "The first link checked: the one after the checkpoint, or after the last purged "
				+ "link (full verification, or a purge past the checkpoint)") @Nullable Long firstSeq,
		@Schema(description = "The chain's newest link when the verification began; links appended since are "
				+ "left to the next verification") @Nullable Long lastSeq,
		@Schema(description = "The first link that does not hold") @Nullable Long brokenAtSeq,
		@Schema(description = "The event stored at that link, if it is there") @Nullable UUID brokenEventId,
		@Schema(description = "What is wrong with that link") @Nullable String problem,
		@Schema(requiredMode = REQUIRED,
				description = "true: every link from the last purged one was re-hashed (full=true); false: only the "
						+ "links after the checkpoint, and the checkpoint's own link") boolean full,
		@Schema(requiredMode = REQUIRED, description = "When this verification ended") Instant verifiedAt,
		@Schema(description = "The last link an earlier verification found intact, where this one started after "
				+ "checking that link still has the hash found then; absent for a full verification and when "
				+ "the purge has removed that link") @Nullable Long checkpointSeq) {

}
