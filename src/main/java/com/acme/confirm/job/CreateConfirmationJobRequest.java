package com.acme.confirm.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.acme.confirm.audit.AuditedRequest;
import com.acme.confirm.confirmation.RequestConstraints;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Create a confirmation job over a list of usernames or the users a query selects.
 *
 * @param usernames the users, 1 to 10,000 distinct usernames; or give {@code query}
 * @param query the users of the pool that ListUsers selects; or give {@code usernames}
 * @param reason why the users are confirmed by hand; required where the pool says so
 * @param clientMetadata passed to the pool's PostConfirmation trigger with every item;
 * values are never answered, logged or audited
 * @param markEmailVerified also set {@code email_verified=true}
 * @param dryRun only list what would be confirmed (WOULD_CONFIRM); nothing is changed
 */
record CreateConfirmationJobRequest(
		@Size(min = 1, max = JobLimits.INLINE_USERNAMES_MAX) @Nullable List<@NotNull @Size(min = 1,
				max = RequestConstraints.USERNAME_MAX) @Pattern(regexp = RequestConstraints.USERNAME) String> usernames,
		@Valid @Nullable JobQuery query,
		@Schema(example = "INC-4711 e-mail provider lost a day of codes") @Size(
				max = RequestConstraints.REASON_MAX) @Pattern(regexp = RequestConstraints.TEXT) @Nullable String reason,
		@Schema(maxProperties = RequestConstraints.CLIENT_METADATA_ENTRIES_MAX) @Size(
				max = RequestConstraints.CLIENT_METADATA_ENTRIES_MAX) @Nullable Map<@NotNull @Size(min = 1,
						max = RequestConstraints.CLIENT_METADATA_KEY_MAX) @Pattern(
								regexp = RequestConstraints.CLIENT_METADATA_KEY) String, @NotNull @Size(
										max = RequestConstraints.CLIENT_METADATA_VALUE_MAX) @Pattern(
												regexp = RequestConstraints.TEXT) String> clientMetadata,
		@Schema(defaultValue = "false") @Nullable Boolean markEmailVerified,
		@Schema(defaultValue = "false") @Nullable Boolean dryRun) implements AuditedRequest {

	/** A creation refused before its body was read: nothing of it is known. */
	static final CreateConfirmationJobRequest UNREAD = new CreateConfirmationJobRequest(null, null, null, null, null,
			null);

	@Override
	public @Nullable String auditedUsername() {
		return null;
	}

	@Override
	public @Nullable String auditedReason() {
		return JobLimits.stated(this.reason);
	}

	@Override
	public List<String> auditedMetadataKeys() {
		return (this.clientMetadata != null) ? this.clientMetadata.keySet().stream().sorted().toList() : List.of();
	}

	@Override
	public String toString() {
		return "CreateConfirmationJobRequest[usernames=" + ((this.usernames != null) ? this.usernames.size() : null)
				+ ", query=" + this.query + ", reason=" + this.reason + ", clientMetadataKeys=" + auditedMetadataKeys()
				+ ", markEmailVerified=" + this.markEmailVerified + ", dryRun=" + this.dryRun + "]";
	}

	/**
	 * The users of the pool to confirm, listed with Cognito ListUsers.
	 *
	 * @param status the users' Cognito status; UNCONFIRMED unless given
	 * @param createdAfter only users created at or after this (UserCreateDate)
	 * @param createdBefore only users created before this
	 * @param attribute only users whose attribute starts with a prefix
	 */
	record JobQuery(@Schema(defaultValue = "UNCONFIRMED") @Pattern(
			regexp = "^(UNCONFIRMED|CONFIRMED|FORCE_CHANGE_PASSWORD|RESET_REQUIRED|EXTERNAL_PROVIDER|ARCHIVED)$") @Nullable String status,
			@Schema(example = "2026-11-30T00:00:00Z") @Nullable Instant createdAfter,
			@Schema(example = "2026-12-01T00:00:00Z") @Nullable Instant createdBefore,
			@Valid @Nullable AttributePrefix attribute) {

		String statusOrDefault() {
			return (this.status != null) ? this.status : "UNCONFIRMED";
		}

		@Override
		public String toString() {
			return "JobQuery[status=" + this.status + ", createdAfter=" + this.createdAfter + ", createdBefore="
					+ this.createdBefore + ", attribute=" + ((this.attribute != null) ? this.attribute.name() : null)
					+ "]";
		}

	}

	/**
	 * An attribute prefix that the users' attribute must start with.
	 *
	 * @param name a standard attribute ListUsers filters on
	 * @param prefix the prefix
	 */
	record AttributePrefix(@Schema(example = "email") @NotNull @Pattern(
			regexp = "^(username|email|phone_number|name|given_name|family_name|preferred_username|sub)$") String name,
			@Schema(example = "jane") @NotNull @Size(min = 1, max = 256) String prefix) {
	}

}
