package com.acme.confirm.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The first layer of security: every request needs a valid bearer token except the public
 * actuator endpoints (health and info unless configured otherwise) and the published API
 * document. What a caller may do on a pool is decided by {@link Authorization}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String ROLE_PREFIX = "ROLE_";

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties,
			ProblemWritingHandlers problems) {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(EndpointRequest.to(properties.publicActuatorEndpoints().toArray(String[]::new)))
			.permitAll()
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.access(anyRole(properties.actuatorRoles()))
			.requestMatchers("/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**", "/swagger-ui.html", "/error")
			.permitAll()
			.requestMatchers("/api/v1/audit-events/**")
			.access(anyRole(properties.auditReaderRoles()))
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(new CallerAuthenticationConverter(properties)))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.cors(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable());
		return http.build();
	}

	/**
	 * Any of the roles; no role configured denies everyone.
	 */
	private static AuthorizationManager<RequestAuthorizationContext> anyRole(List<String> roles) {
		if (roles.isEmpty()) {
			return (authentication, context) -> new AuthorizationDecision(false);
		}
		return AuthorityAuthorizationManager.hasAnyRole(roles.toArray(String[]::new));
	}

	@Bean
	ProblemWritingHandlers problemWritingHandlers(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		return new ProblemWritingHandlers(resolver);
	}

	/**
	 * Picked up by Boot's JWT decoder in addition to its issuer and time checks.
	 */
	@Bean
	OAuth2TokenValidator<Jwt> audienceValidator(SecurityProperties properties) {
		if (!properties.checksAudience()) {
			log.warn("confirm.security.audience-check is disabled: tokens of the trusted issuer are accepted "
					+ "whatever application they were issued for");
			return (jwt) -> OAuth2TokenValidatorResult.success();
		}
		String audience = properties.audience();
		return new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.contains(audience));
	}

	/**
	 * Hands 401 and 403 from the filter chain to the same advice that writes every other
	 * problem detail, after the bearer entry point has set {@code WWW-Authenticate}.
	 */
	static final class ProblemWritingHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

		private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

		private final HandlerExceptionResolver resolver;

		ProblemWritingHandlers(HandlerExceptionResolver resolver) {
			this.resolver = resolver;
		}

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) {
			this.bearer.commence(request, response, exception);
			this.resolver.resolveException(request, response, null, exception);
		}

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception) {
			this.resolver.resolveException(request, response, null, exception);
		}

	}

	/**
	 * Makes the caller's roles, read from the configured claim, its granted authorities.
	 */
	static final class CallerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

		private final RolesClaim rolesClaim;

		CallerAuthenticationConverter(SecurityProperties properties) {
			this.rolesClaim = new RolesClaim(properties.rolesClaim(), properties.rolesClaimDelimiter());
		}

		@Override
		public AbstractAuthenticationToken convert(Jwt jwt) {
			Set<String> roles = this.rolesClaim.rolesIn(jwt.getClaims());
			List<GrantedAuthority> authorities = roles.stream()
				.<GrantedAuthority>map((role) -> new SimpleGrantedAuthority(ROLE_PREFIX + role))
				.toList();
			return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
		}

	}

}
