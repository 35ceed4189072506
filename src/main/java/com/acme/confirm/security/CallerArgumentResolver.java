package com.acme.confirm.security;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets controllers take the authenticated {@link Caller} as a parameter.
 */
@Component
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	private final CurrentCaller currentCaller;

	CallerArgumentResolver(CurrentCaller currentCaller) {
		this.currentCaller = currentCaller;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Caller.class.equals(parameter.getParameterType());
	}

	@Override
	public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return this.currentCaller.get()
			.orElseThrow(() -> new AuthenticationCredentialsNotFoundException("No bearer token"));
	}

}
