package com.acme.confirm.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.method.HandlerMethod;

/**
 * A request that Spring rejected before its handler ran (unreadable or invalid body, path
 * or query), as far as it was understood.
 *
 * @param handler the handler the request was meant for
 * @param pathVariables the path's variables, unvalidated
 * @param body the bound request body, if it could be read
 * @param code the problem code of the rejection
 * @param origin where the request came from
 */
public record RejectedRequest(HandlerMethod handler, Map<String, String> pathVariables, @Nullable Object body,
		ProblemCode code, RequestOrigin origin) {
}
