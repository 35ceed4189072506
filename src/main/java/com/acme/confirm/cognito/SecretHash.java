package com.acme.confirm.cognito;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cognito's SecretHash for app clients with a secret: Base64(HMAC-SHA256(key = client
 * secret, message = username + clientId)).
 */
final class SecretHash {

	private static final String ALGORITHM = "HmacSHA256";

	private SecretHash() {
	}

	static String of(String clientSecret, String username, String clientId) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			byte[] digest = mac.doFinal((username + clientId).getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			// HmacSHA256 is required of every Java platform.
			throw new IllegalStateException(ALGORITHM + " unavailable", ex);
		}
	}

}
