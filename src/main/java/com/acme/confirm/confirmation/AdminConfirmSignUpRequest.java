package com.acme.confirm.confirmation;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Confirm a user without a code.
 *
 * @param username the user, by username, alias or sub
 * @param clientMetadata passed to the pool's PostConfirmation trigger; values are never
 * stored or logged
 * @param reason why the user is confirmed by hand; required where the pool says so
 * @param markEmailVerified also set {@code email_verified=true}
 */
record AdminConfirmSignUpRequest(
		@Schema(example = "jane@example.com") @NotNull @Size(min = 1,
				max = RequestConstraints.USERNAME_MAX) @Pattern(regexp = RequestConstraints.USERNAME) String username,
		@Schema(example = "{\"ticket\": \"SUP-1234\"}",
				maxProperties = RequestConstraints.CLIENT_METADATA_ENTRIES_MAX) @Size(
						max = RequestConstraints.CLIENT_METADATA_ENTRIES_MAX) @Nullable Map<@NotNull @Size(min = 1,
								max = RequestConstraints.CLIENT_METADATA_KEY_MAX) @Pattern(
										regexp = RequestConstraints.CLIENT_METADATA_KEY) String, @NotNull @Size(
												max = RequestConstraints.CLIENT_METADATA_VALUE_MAX) @Pattern(
														regexp = RequestConstraints.TEXT) String> clientMetadata,
		@Schema(example = "SUP-1234 verified by phone") @Size(max = RequestConstraints.REASON_MAX) @Pattern(
				regexp = RequestConstraints.TEXT) @Nullable String reason,
		@Schema(defaultValue = "false") @Nullable Boolean markEmailVerified) implements ReasonStating {

	@Override
	public String auditedUsername() {
		return this.username;
	}

	boolean emailVerificationRequested() {
		return Boolean.TRUE.equals(this.markEmailVerified);
	}

	@Override
	public String toString() {
		return "AdminConfirmSignUpRequest[username=" + this.username + ", clientMetadata="
				+ ClientMetadata.redacted(metadata()) + ", reason=" + this.reason + ", markEmailVerified="
				+ this.markEmailVerified + "]";
	}

}
