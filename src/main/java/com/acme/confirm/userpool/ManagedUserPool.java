package com.acme.confirm.userpool;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A user pool this service is configured to manage.
 *
 * @param alias the name shown to callers
 * @param id the Cognito user pool id
 * @param requireReason whether adminConfirmSignUp must state a reason
 * @param grants permissions by role name
 * @param appClients app clients by client id
 * @param roleArn the IAM role to assume for calls to this pool, if it is in another
 * account
 */
public record ManagedUserPool(String alias, String id, boolean requireReason, Map<String, Set<Permission>> grants,
		Map<String, AppClient> appClients, @Nullable String roleArn) {

	/**
	 * The permissions that any of the given roles grants on this pool.
	 */
	public Set<Permission> permissionsOf(Collection<String> roles) {
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		roles.forEach((role) -> permissions.addAll(this.grants.getOrDefault(role, Set.of())));
		return permissions;
	}

	public Optional<AppClient> appClient(String clientId) {
		return Optional.ofNullable(this.appClients.get(clientId));
	}

	/**
	 * An app client of a managed pool.
	 *
	 * @param id the client id
	 * @param secret the client secret, or {@code null} for a public client
	 */
	public record AppClient(String id, @Nullable String secret) {

		@Override
		public String toString() {
			return "AppClient[id=" + this.id + ", secret=" + ((this.secret == null) ? "none" : "******") + "]";
		}

	}

}
