package com.acme.confirm.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class RolesClaimTests {

	/**
	 * Generated claim sets: random role names placed at a random depth under random claim
	 * names, as a list, a space-separated or a comma-separated string (with that
	 * delimiter configured).
	 */
	static Stream<Arguments> generatedClaims() {
		Random random = new Random(20261122);
		return IntStream.range(0, 200).mapToObj((i) -> {
			int depth = 1 + random.nextInt(3);
			List<String> segments = new ArrayList<>();
			for (int d = 0; d < depth; d++) {
				segments.add(name(random, (d == depth - 1) ? "roles" : "claim"));
			}
			List<String> roles = IntStream.range(0, random.nextInt(4))
				.mapToObj((r) -> name(random, "role"))
				.distinct()
				.toList();
			String delimiter = switch (random.nextInt(3)) {
				case 0 -> null;
				case 1 -> " ";
				default -> ",";
			};
			Object value = (delimiter != null) ? String.join(delimiter, roles) : roles;
			Map<String, Object> claims = new LinkedHashMap<>();
			claims.put("sub", "someone");
			Map<String, Object> current = claims;
			for (int d = 0; d < depth - 1; d++) {
				Map<String, Object> nested = new LinkedHashMap<>();
				current.put(segments.get(d), nested);
				current = nested;
			}
			current.put(segments.get(depth - 1), value);
			return Arguments.of(String.join(".", segments), delimiter, claims, Set.copyOf(roles));
		});
	}

	@ParameterizedTest
	@MethodSource("generatedClaims")
	void rolesAtDottedPathAreRead(String path, String delimiter, Map<String, Object> claims, Set<String> roles) {
		assertThat(new RolesClaim(path, delimiter).rolesIn(claims)).isEqualTo(roles);
	}

	@Test
	void rolesWhenStringAndNoDelimiterThenOneRole() {
		assertThat(new RolesClaim("roles", null).rolesIn(Map.of("roles", "Read Only Admin")))
			.containsExactly("Read Only Admin");
		assertThat(new RolesClaim("roles", null).rolesIn(Map.of("roles", "auditor,Admin")))
			.containsExactly("auditor,Admin");
	}

	@Test
	void rolesWhenStringAndDelimiterPatternThenSplit() {
		assertThat(new RolesClaim("roles", "[\\s,]+").rolesIn(Map.of("roles", "auditor, Admin  operator")))
			.containsExactlyInAnyOrder("auditor", "Admin", "operator");
	}

	@Test
	void rolesWhenKeycloakRealmAccessThenNestedRolesRead() {
		Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("user-admin", "offline_access")));

		assertThat(new RolesClaim("realm_access.roles", null).rolesIn(claims)).containsExactlyInAnyOrder("user-admin",
				"offline_access");
	}

	@Test
	void rolesWhenCognitoGroupsThenRead() {
		assertThat(new RolesClaim("cognito:groups", null).rolesIn(Map.of("cognito:groups", List.of("support-agent"))))
			.containsExactly("support-agent");
	}

	@Test
	void rolesWhenClaimNameHasDotsThenWholeNameWins() {
		Map<String, Object> claims = Map.of("https://acme.com/roles", List.of("auditor"));

		assertThat(new RolesClaim("https://acme.com/roles", null).rolesIn(claims)).containsExactly("auditor");
	}

	@Test
	void rolesWhenClaimMissingOrNotRolesThenNone() {
		assertThat(new RolesClaim("roles", null).rolesIn(Map.of("sub", "x"))).isEmpty();
		assertThat(new RolesClaim("roles", null).rolesIn(Map.of("roles", 42))).isEmpty();
		assertThat(new RolesClaim("a.b", null).rolesIn(Map.of("a", "not-a-map"))).isEmpty();
		assertThat(new RolesClaim("roles", null).rolesIn(Map.of("roles", List.of(1, "", " ")))).isEmpty();
	}

	private static String name(Random random, String prefix) {
		return prefix + "_" + Integer.toString(random.nextInt(1 << 20), 36);
	}

}
