package com.acme.confirm.web;

import java.time.Duration;
import java.util.List;

import com.acme.confirm.correlation.CorrelationId;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static {
		// Resolved from the connection, never a parameter of the published API.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(RequestOrigin.class);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new RequestOriginArgumentResolver());
	}

	/**
	 * Picked up by Spring Security's {@code cors()} so that preflights are answered
	 * before authentication.
	 */
	@Bean
	CorsConfigurationSource corsConfigurationSource(WebProperties properties) {
		CorsConfiguration api = new CorsConfiguration();
		api.setAllowedOrigins(properties.cors().allowedOrigins());
		api.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name()));
		api.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
				CorrelationId.HEADER, CorrelationId.TRACEPARENT));
		api.setExposedHeaders(List.of(CorrelationId.HEADER, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE));
		api.setAllowCredentials(false);
		api.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", api);
		return source;
	}

}
