package com.acme.confirm.confirmation;

import java.util.List;
import java.util.Map;

import com.acme.confirm.audit.AuditedRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Confirm a user with the code the user received.
 *
 * @param clientId an app client of the pool configured in this service
 * @param username the user
 * @param confirmationCode the code Cognito sent; never stored, logged or echoed
 * @param forceAliasCreation move an email or phone alias held by another user (needs
 * FORCE_ALIAS)
 * @param clientMetadata passed to the pool's PostConfirmation trigger; values are never
 * stored or logged
 * @param userContextData the end user's context for Cognito's threat protection
 * @param analyticsMetadata Amazon Pinpoint analytics metadata
 */
record ConfirmSignUpRequest(
		@Schema(example = "4abcdefexample") @NotNull @Size(min = 1,
				max = RequestConstraints.CLIENT_ID_MAX) @Pattern(regexp = RequestConstraints.CLIENT_ID) String clientId,
		@Schema(example = "jane@example.com") @NotNull @Size(min = 1,
				max = RequestConstraints.USERNAME_MAX) @Pattern(regexp = RequestConstraints.USERNAME) String username,
		@Schema(example = "123456", accessMode = Schema.AccessMode.WRITE_ONLY) @NotNull @Size(min = 1,
				max = RequestConstraints.CONFIRMATION_CODE_MAX) @Pattern(
						regexp = RequestConstraints.CONFIRMATION_CODE) String confirmationCode,
		@Schema(defaultValue = "false") @Nullable Boolean forceAliasCreation,
		@Schema(maxProperties = RequestConstraints.CLIENT_METADATA_ENTRIES_MAX) @Size(
				max = RequestConstraints.CLIENT_METADATA_ENTRIES_MAX) @Nullable Map<@NotNull @Size(min = 1,
						max = RequestConstraints.CLIENT_METADATA_KEY_MAX) @Pattern(
								regexp = RequestConstraints.CLIENT_METADATA_KEY) String, @NotNull @Size(
										max = RequestConstraints.CLIENT_METADATA_VALUE_MAX) @Pattern(
												regexp = RequestConstraints.TEXT) String> clientMetadata,
		@Valid @Nullable UserContextData userContextData,
		@Valid @Nullable AnalyticsMetadata analyticsMetadata) implements AuditedRequest {

	Map<String, String> metadata() {
		return ClientMetadata.orEmpty(this.clientMetadata);
	}

	@Override
	public String auditedUsername() {
		return this.username;
	}

	@Override
	public String auditedAppClientId() {
		return this.clientId;
	}

	@Override
	public List<String> auditedMetadataKeys() {
		return ClientMetadata.keys(metadata());
	}

	boolean aliasCreationForced() {
		return Boolean.TRUE.equals(this.forceAliasCreation);
	}

	@Override
	public String toString() {
		return "ConfirmSignUpRequest[clientId=" + this.clientId + ", username=" + this.username
				+ ", confirmationCode=******, forceAliasCreation=" + this.forceAliasCreation + ", clientMetadata="
				+ ClientMetadata.redacted(metadata()) + "]";
	}

	/**
	 * The end user's context, for Cognito's threat protection.
	 *
	 * @param ipAddress the end user's IP address
	 * @param encodedData the end user's device fingerprint, as Cognito's SDKs encode it
	 */
	record UserContextData(@Size(max = 45) @Pattern(regexp = RequestConstraints.TEXT) @Nullable String ipAddress,
			@Size(max = 16384) @Pattern(regexp = RequestConstraints.TEXT) @Nullable String encodedData) {
	}

	/**
	 * Amazon Pinpoint analytics metadata.
	 *
	 * @param analyticsEndpointId the Pinpoint endpoint id
	 */
	record AnalyticsMetadata(
			@Size(max = 2048) @Pattern(regexp = RequestConstraints.TEXT) @Nullable String analyticsEndpointId) {
	}

}
