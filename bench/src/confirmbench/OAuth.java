package confirmbench;

import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * The OAuth2 server the service trusts (mock-oauth2-server, RS256) and a token for each
 * kind of caller: a user admin for the confirm calls, an auditor for the audit reads.
 */
final class OAuth implements AutoCloseable {

	final String issuer;

	final String adminToken;

	final String auditorToken;

	private final MockOAuth2Server server = new MockOAuth2Server();

	OAuth() {
		this.server.start();
		this.issuer = this.server.issuerUrl("default").toString();
		this.adminToken = this.server
			.issueToken("default", "bench-admin", "cognito-confirm-service", Map.of("roles", List.of("user-admin")),
					3600)
			.serialize();
		this.auditorToken = this.server
			.issueToken("default", "bench-auditor", "cognito-confirm-service", Map.of("roles", List.of("auditor")),
					3600)
			.serialize();
	}

	@Override
	public void close() {
		this.server.shutdown();
	}

}
