package com.acme.confirm.userpool;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Looks up the pools this service manages.
 */
@Component
public class UserPools {

	/** A Cognito user pool id: region, underscore, id. */
	public static final String POOL_ID_PATTERN = "^[\\w-]+_[0-9a-zA-Z]+$";

	private final Map<String, ManagedUserPool> byId;

	UserPools(UserPoolProperties properties) {
		this.byId = index(properties);
	}

	/**
	 * The managed pool with this id.
	 * @throws ProblemException USER_POOL_NOT_MANAGED when this service does not manage it
	 */
	public ManagedUserPool require(String userPoolId) {
		ManagedUserPool pool = this.byId.get(userPoolId);
		if (pool == null) {
			throw new ProblemException(ProblemCode.USER_POOL_NOT_MANAGED,
					"User pool '" + userPoolId + "' is not managed by this service.");
		}
		return pool;
	}

	/** The managed pool with this id, if this service manages it. */
	public Optional<ManagedUserPool> find(String userPoolId) {
		return Optional.ofNullable(this.byId.get(userPoolId));
	}

	public Collection<ManagedUserPool> all() {
		return this.byId.values();
	}

	private static Map<String, ManagedUserPool> index(UserPoolProperties properties) {
		Map<String, ManagedUserPool> byId = new LinkedHashMap<>();
		properties.userPools().forEach((alias, pool) -> {
			String property = "confirm.user-pools." + alias;
			ManagedUserPool previous = byId.put(pool.id(), toManaged(alias, pool, property));
			if (previous != null) {
				throw new IllegalStateException(property + ".id: pool " + pool.id()
						+ " is already configured as confirm.user-pools." + previous.alias());
			}
		});
		return Collections.unmodifiableMap(byId);
	}

	private static ManagedUserPool toManaged(String alias, UserPoolProperties.Pool pool, String property) {
		Map<String, AppClient> clients = new LinkedHashMap<>();
		pool.appClients().forEach((clientAlias, client) -> {
			if (clients.put(client.id(), client) != null) {
				throw new IllegalStateException(property + ".app-clients." + clientAlias + ".id: client " + client.id()
						+ " is configured twice");
			}
		});
		Map<String, Set<Permission>> grants = pool.grants()
			.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, (grant) -> Set.copyOf(grant.getValue())));
		return new ManagedUserPool(alias, pool.id(), pool.requireReason(), grants, Map.copyOf(clients),
				StringUtils.hasText(pool.roleArn()) ? pool.roleArn() : null, pool.sourceIdentity(),
				pool.lookupAttributes());
	}

}
