package com.acme.confirm.confirmation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.acme.confirm.security.Caller;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.Permission;
import com.acme.confirm.userpool.UserPools;

import org.springframework.stereotype.Service;

/**
 * Tells a caller which pools it may work on and how.
 */
@Service
class UserPoolDirectory {

	private static final Map<Permission, List<String>> OPERATIONS = Map.of(Permission.ADMIN_CONFIRM,
			List.of("adminConfirmSignUp", "batchAdminConfirmSignUp"), Permission.CODE_CONFIRM, List.of("confirmSignUp"),
			Permission.READ_USER, List.of("getUserStatus"), Permission.FORCE_ALIAS, List.of());

	private final UserPools userPools;

	UserPoolDirectory(UserPools userPools) {
		this.userPools = userPools;
	}

	UserPoolSummary.Page listUserPools(Caller caller) {
		List<UserPoolSummary> pools = new ArrayList<>();
		for (ManagedUserPool pool : this.userPools.all()) {
			Set<Permission> permissions = pool.permissionsOf(caller.roles());
			if (permissions.isEmpty()) {
				continue;
			}
			List<String> operations = permissions.stream()
				.flatMap((permission) -> OPERATIONS.get(permission).stream())
				.sorted()
				.toList();
			pools.add(new UserPoolSummary(pool.alias(), pool.id(), pool.id().substring(0, pool.id().indexOf('_')),
					pool.requireReason(), permissions.stream().map(Permission::name).sorted().toList(), operations,
					pool.appClients().keySet().stream().sorted().toList()));
		}
		return new UserPoolSummary.Page(pools);
	}

}
