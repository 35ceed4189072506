package com.acme.confirm.cognito;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretHashTests {

	/**
	 * Expected values computed outside Java:
	 * {@code printf '%s%s' USERNAME CLIENT_ID | openssl dgst -sha256 -hmac SECRET -binary | base64}.
	 */
	@ParameterizedTest
	@CsvSource({ "local-web-secret, secret-hash-user, webclient1, 82AykNPEho1LMt2KqnhzESbzWzy95cxfUUuoIXcLrBs=",
			"s3cr3t, jane@example.com, 4abcdefexample, S5xCEz6IKbr9WXcRI2bWK6DVXFQcNBb4A0rWWnvRmMc=",
			"s3cr3t, zoë/ü+%, 4abcdefexample, aIkgHBXL2KlzmdlvOryPdmmNVyfZZ+1o6dsA3PdFWAY=" })
	void secretHashMatchesOpenssl(String secret, String username, String clientId, String expected) {
		assertThat(SecretHash.of(secret, username, clientId)).isEqualTo(expected);
	}

	@Test
	void secretHashDependsOnEveryInput() {
		String hash = SecretHash.of("secret", "user", "client");

		assertThat(SecretHash.of("secret2", "user", "client")).isNotEqualTo(hash);
		assertThat(SecretHash.of("secret", "user2", "client")).isNotEqualTo(hash);
		assertThat(SecretHash.of("secret", "user", "client2")).isNotEqualTo(hash);
	}

}
