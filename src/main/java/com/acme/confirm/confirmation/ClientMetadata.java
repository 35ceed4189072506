package com.acme.confirm.confirmation;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * clientMetadata travels to Cognito's PostConfirmation trigger; only its keys are ever
 * audited or shown.
 */
final class ClientMetadata {

	private ClientMetadata() {
	}

	static Map<String, String> orEmpty(@Nullable Map<String, String> metadata) {
		return (metadata != null) ? metadata : Map.of();
	}

	static List<String> keys(Map<String, String> metadata) {
		return metadata.keySet().stream().sorted().toList();
	}

	static String redacted(Map<String, String> metadata) {
		return "{keys=" + keys(metadata) + "}";
	}

}
