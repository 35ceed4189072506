package com.acme.confirm.cognito;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A ListUsers filter: one attribute, exact match ({@code =}) or prefix ({@code ^=}), the
 * value quoted as Cognito's filter syntax wants it (a double quote or backslash in the
 * value escaped with a backslash). Cognito takes one such expression per call.
 *
 * @param attribute a standard attribute ListUsers can filter on ({@code username},
 * {@code email}, {@code phone_number}, {@code sub}, {@code cognito:user_status}, ...)
 * @param value the value to match
 * @param prefix whether the value is a prefix
 */
public record UserFilter(String attribute, String value, boolean prefix) {

	private static final Pattern ATTRIBUTE = Pattern.compile("[a-z_:]{1,64}");

	public UserFilter {
		if (!ATTRIBUTE.matcher(attribute).matches()) {
			throw new IllegalArgumentException("not a filterable attribute name");
		}
	}

	public static UserFilter equalTo(String attribute, String value) {
		return new UserFilter(attribute.toLowerCase(Locale.ROOT), value, false);
	}

	public static UserFilter startsWith(String attribute, String prefix) {
		return new UserFilter(attribute.toLowerCase(Locale.ROOT), prefix, true);
	}

	/** The expression as ListUsers' {@code Filter} parameter takes it. */
	public String expression() {
		String quoted = this.value.replace("\\", "\\\\").replace("\"", "\\\"");
		return this.attribute + (this.prefix ? " ^= \"" : " = \"") + quoted + "\"";
	}

	@Override
	public String toString() {
		// the value may be an e-mail address or a phone number: not for logs
		return "UserFilter[" + this.attribute + (this.prefix ? " ^= ...]" : " = ...]");
	}

}
