package com.acme.confirm.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import com.acme.confirm.problem.ProblemCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the requests served at once. With virtual threads Tomcat starts a thread for
 * every request it accepts, so without a bound a flood holds as many bodies, tokens and
 * database waits in memory as it sends. A request over the bound is answered at once,
 * {@code 429 THROTTLED} with {@code Retry-After}, before its token is checked or its body
 * read. Actuator endpoints are not bounded: the probes must answer under a flood, or the
 * pod would be restarted for being busy.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class InFlightLimitFilter extends OncePerRequestFilter {

	private final Semaphore permits;

	private final String retryAfter;

	private final String actuatorPath;

	private final Counter shed;

	InFlightLimitFilter(WebProperties properties, MeterRegistry meters,
			@Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
		this.permits = new Semaphore(properties.maxConcurrentRequests());
		this.retryAfter = Long.toString(Math.max(1, (properties.shedRetryAfter().toMillis() + 999) / 1000));
		this.actuatorPath = actuatorPath + "/";
		this.shed = Counter.builder("confirm.http.shed")
			.description("Requests refused because max-concurrent-requests were being served")
			.register(meters);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + this.actuatorPath);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.permits.tryAcquire()) {
			this.shed.increment();
			response.setHeader(HttpHeaders.RETRY_AFTER, this.retryAfter);
			ProblemWriter.write(response, ProblemCode.THROTTLED,
					"The service is serving as many requests as it may at once; retry after Retry-After seconds.",
					request.getRequestURI());
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.permits.release();
		}
	}

}
