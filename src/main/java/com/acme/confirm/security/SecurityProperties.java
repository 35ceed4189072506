package com.acme.confirm.security;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How callers' tokens are trusted and read.
 *
 * @param audience the {@code aud} value every token must carry; required unless
 * {@code audience-check} is {@code disabled}
 * @param audienceCheck {@code required} (default): tokens must carry {@code audience};
 * {@code disabled}: any audience of the trusted issuer is accepted (warned at start)
 * @param rolesClaim the claim holding the caller's roles; a dotted path reaches into
 * nested claims such as {@code realm_access.roles}
 * @param rolesClaimDelimiter a regular expression that splits a roles claim given as one
 * string into roles (for example {@code " "} for a space-separated scope-style claim);
 * unset, such a string is one role
 * @param auditReaderRoles roles that may read audit events
 * @param actuatorRoles roles that may read actuator endpoints other than the public ones
 * @param publicActuatorEndpoints actuator endpoints open without a token (add
 * {@code prometheus} when the management port is reachable only by the scraper)
 */
@Validated
@ConfigurationProperties("confirm.security")
record SecurityProperties(@Nullable String audience, @DefaultValue("required") AudienceCheck audienceCheck,
		@DefaultValue("roles") @NotBlank String rolesClaim, @Nullable String rolesClaimDelimiter,
		@DefaultValue List<String> auditReaderRoles, @DefaultValue("operator") List<String> actuatorRoles,
		@DefaultValue( {
				"health", "info" }) List<String> publicActuatorEndpoints){

	SecurityProperties {
		// Without an audience any token of the identity provider, issued for any
		// application, would be accepted with its roles.
		if (audienceCheck == AudienceCheck.REQUIRED && (audience == null || audience.isBlank())) {
			throw new IllegalArgumentException("confirm.security.audience is required: set it to the aud value of "
					+ "the tokens issued for this service (or confirm.security.audience-check: disabled to accept "
					+ "any audience)");
		}
		if (rolesClaimDelimiter != null && !rolesClaimDelimiter.isEmpty()) {
			try {
				Pattern.compile(rolesClaimDelimiter);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException(
						"confirm.security.roles-claim-delimiter is not a regular expression: " + ex.getDescription());
			}
		}
	}

	/**
	 * Whether tokens are checked for {@link #audience()}.
	 */
	enum AudienceCheck {

		/** Every token must carry the configured audience. */
		REQUIRED,

		/** Any audience of the trusted issuer is accepted. */
		DISABLED

	}

	boolean checksAudience() {
		return this.audienceCheck == AudienceCheck.REQUIRED;
	}

}
