package com.acme.confirm.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The authenticated caller of the current request, read from its token. Its roles are the
 * token's authorities, read from the roles claim once, when the token was authenticated.
 */
@Component
public class CurrentCaller {

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
		Set<String> roles = token.getAuthorities()
			.stream()
			.map((authority) -> authority.getAuthority())
			.filter((authority) -> authority != null && authority.startsWith(SecurityConfiguration.ROLE_PREFIX))
			.map((authority) -> authority.substring(SecurityConfiguration.ROLE_PREFIX.length()))
			.collect(Collectors.toUnmodifiableSet());
		return Optional.of(new Caller(token.getName(), jwt.getClaimAsString(JwtClaimNames.ISS), clientId, roles));
	}

}
