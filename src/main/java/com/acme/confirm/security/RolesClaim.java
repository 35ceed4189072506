package com.acme.confirm.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads role names from a claim named by a dotted path ({@code roles},
 * {@code realm_access.roles}, {@code cognito:groups}). A claim given as one string is one
 * role unless a delimiter is configured: splitting by default would make a role named
 * "Read Only Admin" also grant "Admin".
 */
final class RolesClaim {

	private final String path;

	private final @Nullable Pattern delimiter;

	RolesClaim(String path, @Nullable String delimiter) {
		this.path = path;
		this.delimiter = (delimiter != null && !delimiter.isEmpty()) ? Pattern.compile(delimiter) : null;
	}

	Set<String> rolesIn(Map<String, Object> claims) {
		// A claim whose own name contains dots (URL-style
		// claim names) wins over a nested path.
		Object value = claims.containsKey(this.path) ? claims.get(this.path) : navigate(claims);
		Set<String> roles = new LinkedHashSet<>();
		if (value instanceof Collection<?> values) {
			values.forEach((role) -> add(roles, role));
		}
		else if (value instanceof String text && this.delimiter == null) {
			add(roles, text);
		}
		else if (value instanceof String text) {
			for (String role : this.delimiter.split(text)) {
				add(roles, role);
			}
		}
		return Set.copyOf(roles);
	}

	private @Nullable Object navigate(Map<String, Object> claims) {
		Object current = claims;
		for (String segment : this.path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(segment);
		}
		return current;
	}

	private static void add(Set<String> roles, @Nullable Object role) {
		if (role instanceof String name && !name.isBlank()) {
			roles.add(name.strip());
		}
	}

}
