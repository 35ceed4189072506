package com.acme.confirm.confirmation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.acme.confirm.security.Caller;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.Permission;
import com.acme.confirm.userpool.UserPools;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Tells a caller which pools it may work on and how. The operations each permission opens
 * are read from the handlers themselves (their {@link PoolPermission} and operationId),
 * so that a renamed or added operation is listed as it is published.
 */
@Service
class UserPoolDirectory {

	private final UserPools userPools;

	private final Map<Permission, List<String>> operations;

	UserPoolDirectory(UserPools userPools,
			@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers) {
		this.userPools = userPools;
		this.operations = operationsByPermission(handlers.getHandlerMethods().values());
	}

	UserPoolSummary.Page listUserPools(Caller caller) {
		List<UserPoolSummary> pools = new ArrayList<>();
		for (ManagedUserPool pool : this.userPools.all()) {
			Set<Permission> permissions = pool.permissionsOf(caller.roles());
			if (permissions.isEmpty()) {
				continue;
			}
			List<String> callable = permissions.stream()
				.flatMap((permission) -> this.operations.getOrDefault(permission, List.of()).stream())
				.sorted()
				.toList();
			pools.add(new UserPoolSummary(pool.alias(), pool.id(), pool.region(), pool.requireReason(),
					permissions.stream().map(Permission::name).sorted().toList(), callable,
					pool.appClients().keySet().stream().sorted().toList()));
		}
		return new UserPoolSummary.Page(pools);
	}

	static Map<Permission, List<String>> operationsByPermission(Iterable<HandlerMethod> handlers) {
		Map<Permission, List<String>> operations = new EnumMap<>(Permission.class);
		for (HandlerMethod handler : handlers) {
			PoolPermission permission = handler.getMethodAnnotation(PoolPermission.class);
			Operation operation = handler.getMethodAnnotation(Operation.class);
			if (permission != null && operation != null) {
				operations.computeIfAbsent(permission.value(), (key) -> new ArrayList<>()).add(operation.operationId());
			}
		}
		operations.replaceAll((permission, ids) -> ids.stream().distinct().sorted().toList());
		return operations;
	}

}
