package com.acme.confirm.security;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How callers' tokens are trusted and read.
 *
 * @param audience the {@code aud} value every token must carry; unset accepts any
 * audience of the trusted issuer
 * @param rolesClaim the claim holding the caller's roles; a dotted path reaches into
 * nested claims such as {@code realm_access.roles}
 * @param auditReaderRoles roles that may read audit events
 * @param actuatorRoles roles that may read actuator endpoints other than the public ones
 * @param publicActuatorEndpoints actuator endpoints open without a token (add
 * {@code prometheus} when the management port is reachable only by the scraper)
 */
@Validated
@ConfigurationProperties("confirm.security")
record SecurityProperties(@Nullable String audience, @DefaultValue("roles") @NotBlank String rolesClaim,
		@DefaultValue List<String> auditReaderRoles, @DefaultValue("operator") List<String> actuatorRoles,
		@DefaultValue( {
				"health", "info" }) List<String> publicActuatorEndpoints){
}
