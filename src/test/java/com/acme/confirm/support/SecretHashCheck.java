package com.acme.confirm.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;
import com.github.tomakehurst.wiremock.http.Request;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Does what Cognito does and the emulator does not: matches a ConfirmSignUp whose
 * SecretHash is missing or wrong for an app client that has a secret.
 */
final class SecretHashCheck extends RequestMatcherExtension {

	static final String NAME = "secret-hash-check";

	private static final Map<String, String> SECRETS = Map.of(TestPools.SECRET_CLIENT, TestPools.SECRET_CLIENT_SECRET,
			TestPools.MISCONFIGURED_CLIENT, TestPools.MISCONFIGURED_CLIENT_REAL_SECRET);

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public MatchResult match(Request request, Parameters parameters) {
		if (!"AWSCognitoIdentityProviderService.ConfirmSignUp".equals(request.getHeader("X-Amz-Target"))) {
			return MatchResult.noMatch();
		}
		JsonNode body = this.json.readTree(request.getBodyAsString());
		String secret = SECRETS.get(body.path("ClientId").asString(""));
		if (secret == null) {
			return MatchResult.noMatch();
		}
		String expected = secretHash(secret, body.path("Username").asString("") + body.path("ClientId").asString(""));
		return MatchResult.of(!expected.equals(body.path("SecretHash").asString("")));
	}

	static String secretHash(String secret, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
