package com.acme.confirm.cognito;

import java.util.Map;

import com.acme.confirm.userpool.ManagedUserPool;
import org.jspecify.annotations.Nullable;

/**
 * A ConfirmSignUp call. {@link #toString()} keeps the code, the secret and the metadata
 * values out of any log line.
 *
 * @param pool the pool the client belongs to
 * @param clientId the app client id
 * @param clientSecret the app client's secret, if it has one
 * @param username the user to confirm
 * @param confirmationCode the code the user received
 * @param forceAliasCreation whether to move an alias held by another user
 * @param clientMetadata passed to the PostConfirmation trigger
 * @param ipAddress end user's IP address for advanced security features
 * @param encodedData end user's device fingerprint for advanced security features
 * @param analyticsEndpointId Amazon Pinpoint endpoint id
 */
public record ConfirmSignUpCall(ManagedUserPool pool, String clientId, @Nullable String clientSecret, String username,
		String confirmationCode, boolean forceAliasCreation, Map<String, String> clientMetadata,
		@Nullable String ipAddress, @Nullable String encodedData, @Nullable String analyticsEndpointId) {

	@Override
	public String toString() {
		return "ConfirmSignUpCall[userPoolId=" + this.pool.id() + ", clientId=" + this.clientId + ", username="
				+ this.username + ", forceAliasCreation=" + this.forceAliasCreation + ", clientMetadataKeys="
				+ this.clientMetadata.keySet() + "]";
	}

}
