package com.acme.confirm.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Where a request came from, for the audit trail. Controllers take it as a parameter.
 *
 * @param sourceIp the client's address: the connection's peer, or, when that is a proxy
 * named in {@code server.tomcat.remoteip.internal-proxies}, the address it appended to
 * {@code X-Forwarded-For} (Tomcat's RemoteIpValve replaces the remote address)
 * @param userAgent the client's User-Agent header
 */
public record RequestOrigin(@Nullable String sourceIp, @Nullable String userAgent) {

	// Long enough for real browsers, short enough
	// that a header cannot bloat the audit table.
	private static final int MAX_USER_AGENT = 512;

	/**
	 * Where this request came from.
	 */
	public static RequestOrigin of(HttpServletRequest request) {
		String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
		if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
			userAgent = userAgent.substring(0, MAX_USER_AGENT);
		}
		return new RequestOrigin(request.getRemoteAddr(), userAgent);
	}

}
