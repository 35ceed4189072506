package com.acme.confirm.userpool;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An app client of a managed pool, as configured.
 *
 * @param id the app client id
 * @param secret the client secret, when the client has one; used only to compute
 * SecretHash. An empty value (an unset environment variable) means none.
 */
public record AppClient(@NotBlank @Pattern(regexp = "[\\w+]{1,128}") String id, @Nullable String secret) {

	public AppClient {
		secret = (secret != null && !secret.isEmpty()) ? secret : null;
	}

	@Override
	public String toString() {
		return "AppClient[id=" + this.id + ", secret=" + ((this.secret == null) ? "none" : "******") + "]";
	}

}
