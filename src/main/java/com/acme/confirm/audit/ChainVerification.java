package com.acme.confirm.audit;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The result of checking the audit trail's hash chain.
 *
 * @param valid whether every link holds
 * @param checkedEvents how many links were checked before the answer
 * @param firstSeq the first link checked (after the last purged one)
 * @param lastSeq the chain's newest link
 * @param brokenAtSeq the first link that does not hold
 * @param brokenEventId the event stored at that link, if it is there
 * @param problem what is wrong with it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChainVerification(@Schema(requiredMode = REQUIRED) boolean valid,
		@Schema(requiredMode = REQUIRED) long checkedEvents, @Nullable Long firstSeq, @Nullable Long lastSeq,
		@Nullable Long brokenAtSeq, @Nullable UUID brokenEventId, @Nullable String problem) {

	static ChainVerification valid(long checked, long purgedThrough, long lastSeq) {
		return new ChainVerification(true, checked, purgedThrough + 1, lastSeq, null, null, null);
	}

	static ChainVerification broken(long checked, long seq, @Nullable UUID eventId, String problem) {
		return new ChainVerification(false, checked, null, null, seq, eventId, problem);
	}

}
