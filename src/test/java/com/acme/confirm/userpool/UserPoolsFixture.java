package com.acme.confirm.userpool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link UserPools} over the given pools, for unit tests of the features that look pools
 * up.
 */
public final class UserPoolsFixture {

	private UserPoolsFixture() {
	}

	public static UserPools of(ManagedUserPool... pools) {
		Map<String, UserPoolProperties.Pool> configured = new LinkedHashMap<>();
		for (ManagedUserPool pool : pools) {
			Map<String, AppClient> clients = new LinkedHashMap<>();
			pool.appClients().forEach((id, client) -> clients.put(id, client));
			configured.put(pool.alias(), new UserPoolProperties.Pool(pool.id(), pool.requireReason(), pool.grants(),
					clients, pool.roleArn(), pool.sourceIdentity(), pool.lookupAttributes()));
		}
		return new UserPools(new UserPoolProperties(configured));
	}

}
