package com.acme.confirm.security;

import java.util.List;

import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class SecurityWebConfiguration implements WebMvcConfigurer {

	static {
		// Resolved from the token, never a parameter of the published API.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	private final CallerArgumentResolver callerArgumentResolver;

	SecurityWebConfiguration(CallerArgumentResolver callerArgumentResolver) {
		this.callerArgumentResolver = callerArgumentResolver;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this.callerArgumentResolver);
	}

}
