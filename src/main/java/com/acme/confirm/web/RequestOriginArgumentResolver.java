package com.acme.confirm.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

class RequestOriginArgumentResolver implements HandlerMethodArgumentResolver {

	// Long enough for real browsers, short enough that a header cannot bloat the audit
	// table.
	private static final int MAX_USER_AGENT = 512;

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return RequestOrigin.class.equals(parameter.getParameterType());
	}

	@Override
	public RequestOrigin resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		return (request != null) ? originOf(request) : new RequestOrigin(null, null);
	}

	static RequestOrigin originOf(HttpServletRequest request) {
		String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
		if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
			userAgent = userAgent.substring(0, MAX_USER_AGENT);
		}
		return new RequestOrigin(request.getRemoteAddr(), userAgent);
	}

}
