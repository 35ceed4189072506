package com.acme.confirm.support;

import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OAuth2/OIDC server (mock-oauth2-server) that signs the tokens callers present.
 * One per JVM.
 */
public final class IdentityProvider {

	/** The issuer the service trusts. */
	public static final String ISSUER_ID = "company";

	/** An issuer on the same server that the service does not trust. */
	public static final String OTHER_ISSUER_ID = "elsewhere";

	/** The audience the service requires. */
	public static final String AUDIENCE = "cognito-confirm-service";

	private static volatile IdentityProvider instance;

	private final MockOAuth2Server server;

	private IdentityProvider(MockOAuth2Server server) {
		this.server = server;
	}

	public static IdentityProvider get() {
		if (instance == null) {
			synchronized (IdentityProvider.class) {
				if (instance == null) {
					MockOAuth2Server server = new MockOAuth2Server();
					server.start();
					Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
					instance = new IdentityProvider(server);
				}
			}
		}
		return instance;
	}

	public String issuerUri() {
		return this.server.issuerUrl(ISSUER_ID).toString();
	}

	/** A valid token for the subject with these roles in the {@code roles} claim. */
	public String token(String subject, String... roles) {
		return token(ISSUER_ID, subject, AUDIENCE, Map.of("roles", List.of(roles)), 3600);
	}

	public String token(String issuerId, String subject, String audience, Map<String, Object> claims,
			long expirySeconds) {
		return this.server.issueToken(issuerId, subject, audience, claims, expirySeconds).serialize();
	}

	/**
	 * A token of the trusted issuer with these claims and no {@code aud} claim at all.
	 */
	public String tokenWithoutAudience(String subject, Map<String, Object> claims) {
		return this.server
			.issueToken(ISSUER_ID, "test-client",
					new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(), claims, 3600))
			.serialize();
	}

}
