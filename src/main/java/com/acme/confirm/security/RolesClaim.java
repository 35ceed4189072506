package com.acme.confirm.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads role names from a claim named by a dotted path ({@code roles},
 * {@code realm_access.roles}, {@code cognito:groups}).
 */
final class RolesClaim {

	private final String path;

	RolesClaim(String path) {
		this.path = path;
	}

	Set<String> rolesIn(Map<String, Object> claims) {
		// A claim whose own name contains dots (URL-style
		// claim names) wins over a nested path.
		Object value = claims.containsKey(this.path) ? claims.get(this.path) : navigate(claims);
		Set<String> roles = new LinkedHashSet<>();
		if (value instanceof Collection<?> values) {
			values.forEach((role) -> add(roles, role));
		}
		else if (value instanceof String text) {
			for (String role : text.split("[\\s,]+")) {
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
