package com.acme.confirm.confirmation;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Confirm up to 100 users without a code, with the same metadata, reason and options.
 *
 * @param usernames 1 to 100 distinct usernames, confirmed in this order
 * @param clientMetadata passed to the PostConfirmation trigger of each; values are never
 * stored or logged
 * @param reason why the users are confirmed by hand; required where the pool says so
 * @param markEmailVerified also set {@code email_verified=true} for each
 */
record BatchAdminConfirmSignUpRequest(@ArraySchema(schema = @Schema(example = "jane@example.com"),
		uniqueItems = true) @NotNull @Size(min = 1, max = RequestConstraints.BATCH_MAX) List<@NotNull @Size(min = 1,
				max = RequestConstraints.USERNAME_MAX) @Pattern(regexp = RequestConstraints.USERNAME) String> usernames,
		@Schema(maxProperties = RequestConstraints.CLIENT_METADATA_ENTRIES_MAX) @Size(
				max = RequestConstraints.CLIENT_METADATA_ENTRIES_MAX) @Nullable Map<@NotNull @Size(min = 1,
						max = RequestConstraints.CLIENT_METADATA_KEY_MAX) @Pattern(
								regexp = RequestConstraints.CLIENT_METADATA_KEY) String, @NotNull @Size(
										max = RequestConstraints.CLIENT_METADATA_VALUE_MAX) @Pattern(
												regexp = RequestConstraints.TEXT) String> clientMetadata,
		@Schema(example = "SUP-1234 bulk import") @Size(max = RequestConstraints.REASON_MAX) @Pattern(
				regexp = RequestConstraints.TEXT) @Nullable String reason,
		@Schema(defaultValue = "false") @Nullable Boolean markEmailVerified) implements ReasonStating {

	AdminConfirmSignUpRequest item(String username) {
		return new AdminConfirmSignUpRequest(username, this.clientMetadata, this.reason, this.markEmailVerified);
	}

	/** A refused batch is one event for the pool, naming no single user. */
	@Override
	public @Nullable String auditedUsername() {
		return null;
	}

	/** ... but the usernames it held. */
	@Override
	public @Nullable List<@Nullable String> auditedBatch() {
		return (this.usernames != null) ? Collections.unmodifiableList(this.usernames) : null;
	}

	@Override
	public String toString() {
		return "BatchAdminConfirmSignUpRequest[usernames=" + this.usernames + ", clientMetadata="
				+ ClientMetadata.redacted(metadata()) + ", reason=" + this.reason + "]";
	}

}
