package com.acme.confirm.security;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller of an operation, as its token describes it.
 *
 * @param subject the token's {@code sub}
 * @param issuer the token's {@code iss}
 * @param clientId the OAuth2 client the token was issued to ({@code azp} or
 * {@code client_id}), if the token says
 * @param roles the caller's roles from the configured roles claim
 */
public record Caller(String subject, @Nullable String issuer, @Nullable String clientId, Set<String> roles) {
}
