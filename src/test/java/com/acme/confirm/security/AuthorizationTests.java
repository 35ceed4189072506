package com.acme.confirm.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.Permission;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuthorizationTests {

	private static final ManagedUserPool CUSTOMERS = new ManagedUserPool("customers", "eu-west-1_AbC", false,
			Map.of("user-admin", EnumSet.allOf(Permission.class), "support-agent",
					EnumSet.of(Permission.CODE_CONFIRM, Permission.READ_USER)),
			Map.of(), null);

	private static final ManagedUserPool PARTNERS = new ManagedUserPool("partners", "eu-west-1_XyZ", true,
			Map.of("partner-admin", EnumSet.of(Permission.ADMIN_CONFIRM)), Map.of(), null);

	private final Authorization authorization = new Authorization(
			new SecurityProperties("cognito-confirm-service", SecurityProperties.AudienceCheck.REQUIRED, "roles", null,
					List.of("auditor"), List.of("operator"), List.of("health")));

	static Stream<Arguments> roleByRole() {
		return Stream.of(Arguments.of(Set.of("user-admin"), CUSTOMERS, EnumSet.allOf(Permission.class)),
				Arguments.of(Set.of("support-agent"), CUSTOMERS,
						EnumSet.of(Permission.CODE_CONFIRM, Permission.READ_USER)),
				Arguments.of(Set.of("auditor"), CUSTOMERS, EnumSet.noneOf(Permission.class)),
				Arguments.of(Set.of(), CUSTOMERS, EnumSet.noneOf(Permission.class)),
				Arguments.of(Set.of("user-admin"), PARTNERS, EnumSet.noneOf(Permission.class)),
				Arguments.of(Set.of("partner-admin"), PARTNERS, EnumSet.of(Permission.ADMIN_CONFIRM)),
				Arguments.of(Set.of("partner-admin"), CUSTOMERS, EnumSet.noneOf(Permission.class)),
				Arguments.of(Set.of("support-agent", "partner-admin"), PARTNERS, EnumSet.of(Permission.ADMIN_CONFIRM)));
	}

	@ParameterizedTest(name = "{0} on {1}")
	@MethodSource("roleByRole")
	void permitsExactlyTheGrantedPermissions(Set<String> roles, ManagedUserPool pool, Set<Permission> granted) {
		Caller caller = new Caller("someone", "https://idp", null, roles);
		for (Permission permission : Permission.values()) {
			assertThat(this.authorization.permits(caller, pool, Set.of(permission)))
				.as("%s may %s on %s", roles, permission, pool.alias())
				.isEqualTo(granted.contains(permission));
		}
	}

	@Test
	void requireWhenOnePermissionOfTwoMissingThenForbidden() {
		Caller agent = new Caller("agent", null, null, Set.of("support-agent"));

		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.authorization.require(agent, CUSTOMERS,
					EnumSet.of(Permission.CODE_CONFIRM, Permission.FORCE_ALIAS)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.FORBIDDEN));
	}

	@Test
	void mayReadAuditOnlyWithAnAuditReaderRole() {
		assertThat(this.authorization.mayReadAudit(new Caller("a", null, null, Set.of("auditor", "x")))).isTrue();
		assertThat(this.authorization.mayReadAudit(new Caller("b", null, null, Set.of("user-admin")))).isFalse();
		assertThat(this.authorization.mayReadAudit(new Caller("c", null, null, Set.of()))).isFalse();
	}

	@Test
	void permitsWhenNothingRequiredThenDenied() {
		Caller admin = new Caller("admin", null, null, Set.of("user-admin"));

		assertThat(this.authorization.permits(admin, CUSTOMERS, Set.of())).isFalse();
	}

}
