package com.acme.confirm.confirmation;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ProblemDetail;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The outcome of each username of a batch, in request order.
 *
 * @param results one per username
 */
record BatchResult(@Schema(requiredMode = REQUIRED) List<Item> results) {

	/**
	 * One username's result: an outcome, or the problem the single operation would have
	 * answered.
	 *
	 * @param username the user's canonical username; the identifier as given when the
	 * item failed before the user was found
	 * @param sub the user's sub, where the service read it
	 * @param identifier the username, alias or sub as the request listed it
	 * @param outcome CONFIRMED or ALREADY_CONFIRMED, when it succeeded
	 * @param previousStatus the user's status before
	 * @param emailVerified whether email_verified is true now
	 * @param auditEventId the audit event of this username
	 * @param problem why it failed
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "BatchResultItem")
	record Item(@Schema(requiredMode = REQUIRED) String username, @Nullable String sub,
			@Schema(requiredMode = REQUIRED) String identifier, @Nullable ConfirmationOutcome outcome,
			@Nullable String previousStatus, @Nullable Boolean emailVerified, @Nullable UUID auditEventId,
			@Schema(ref = "#/components/schemas/Problem") @Nullable ProblemDetail problem) {

		static Item of(ConfirmationResult result) {
			return new Item(result.username(), result.sub(), result.identifier(), result.outcome(),
					result.previousStatus(), result.emailVerified(), result.auditEventId(), null);
		}

		static Item failed(String identifier, ProblemDetail problem) {
			return new Item(identifier, null, identifier, null, null, null, null, problem);
		}

	}

}
