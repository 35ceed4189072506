package com.acme.confirm.userpool;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
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
 * @param sourceIdentity whether this pool's Cognito calls are signed with a session whose
 * SourceIdentity is the caller; {@code null} follows {@code confirm.aws.source-identity}
 * @param lookupAttributes the attributes searched (ListUsers) for an identifier that is
 * not a username; {@code null} follows the pool's own alias and username attributes
 */
public record ManagedUserPool(String alias, String id, boolean requireReason, Map<String, Set<Permission>> grants,
		Map<String, AppClient> appClients, @Nullable String roleArn, @Nullable Boolean sourceIdentity,
		@Nullable List<String> lookupAttributes) {

	public ManagedUserPool {
		if (id.indexOf('_') <= 0) {
			throw new IllegalArgumentException("Not a user pool id (region_id): " + id);
		}
		lookupAttributes = (lookupAttributes != null) ? List.copyOf(lookupAttributes) : null;
	}

	/**
	 * A pool that follows the service-wide SourceIdentity setting and its own
	 * configuration for lookups.
	 */
	public ManagedUserPool(String alias, String id, boolean requireReason, Map<String, Set<Permission>> grants,
			Map<String, AppClient> appClients, @Nullable String roleArn) {
		this(alias, id, requireReason, grants, appClients, roleArn, null, null);
	}

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
	 * The pool's AWS region: the prefix of its id ({@code eu-west-1_AbCdEf123}).
	 */
	public String region() {
		return regionOf(this.id);
	}

	/**
	 * The region of a pool id: its prefix ({@code eu-west-1_AbCdEf123}).
	 * @param userPoolId the pool's id
	 * @return its region
	 */
	public static String regionOf(String userPoolId) {
		return userPoolId.substring(0, Math.max(0, userPoolId.indexOf('_')));
	}

}
