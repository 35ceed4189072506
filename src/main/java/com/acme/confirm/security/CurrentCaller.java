package com.acme.confirm.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The authenticated caller of the current request, read from its token.
 */
@Component
public class CurrentCaller {

	private final RolesClaim rolesClaim;

	CurrentCaller(SecurityProperties properties) {
		this.rolesClaim = new RolesClaim(properties.rolesClaim());
	}

	/**
	 * The caller, or empty when the request carries no valid bearer token.
	 */
	public Optional<Caller> get() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			return Optional.empty();
		}
		Jwt jwt = token.getToken();
		String clientId = jwt.hasClaim("azp") ? jwt.getClaimAsString("azp") : jwt.getClaimAsString("client_id");
		return Optional.of(new Caller(token.getName(), jwt.getClaimAsString(JwtClaimNames.ISS), clientId,
				this.rolesClaim.rolesIn(jwt.getClaims())));
	}

}
