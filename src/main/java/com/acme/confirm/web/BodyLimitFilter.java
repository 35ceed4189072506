package com.acme.confirm.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

import com.acme.confirm.problem.ProblemCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Holds each request body to its operation's limit ({@link BodyLimit}, else the standard
 * one), before the token is checked and before anything binds the body: a Content-Length
 * past the limit is answered {@code 413 PAYLOAD_TOO_LARGE} without reading a byte, and a
 * body without one (chunked) fails with {@link PayloadTooLargeException} at the first
 * byte past the limit, which the problem advice answers the same way. The connection is
 * closed after a 413, so that the container does not read the rest of the body either.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BodyLimitFilter extends OncePerRequestFilter {

	private final WebProperties.BodyLimits limits;

	private final ObjectProvider<HandlerMapping> handlerMapping;

	BodyLimitFilter(WebProperties properties,
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> handlerMapping) {
		this.limits = properties.bodyLimits();
		this.handlerMapping = handlerMapping;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = this.limits.bytes(kindOf(request));
		if (request.getContentLengthLong() > limit) {
			response.setHeader(HttpHeaders.CONNECTION, "close");
			ProblemWriter.write(response, ProblemCode.PAYLOAD_TOO_LARGE, detail(limit), request.getRequestURI());
			return;
		}
		chain.doFilter(new LimitedRequest(request, limit), response);
	}

	static String detail(long limit) {
		return "The request body is larger than this operation's limit of " + limit + " bytes.";
	}

	/**
	 * The limit of the handler method that will serve the request. The lookup leaves
	 * request attributes behind (the parsed path, the handler's producible media types),
	 * which would steer how a 401 from the security filters is written: they are removed.
	 */
	private BodyLimit.Kind kindOf(HttpServletRequest request) {
		HandlerMapping mapping = this.handlerMapping.getIfAvailable();
		if (mapping == null) {
			return BodyLimit.Kind.STANDARD;
		}
		Set<String> before = new HashSet<>(Collections.list(request.getAttributeNames()));
		try {
			ServletRequestPathUtils.parseAndCache(request);
			HandlerExecutionChain handler = mapping.getHandler(request);
			BodyLimit limit = (handler != null && handler.getHandler() instanceof HandlerMethod method)
					? method.getMethodAnnotation(BodyLimit.class) : null;
			return (limit != null) ? limit.value() : BodyLimit.Kind.STANDARD;
		}
		catch (Exception ex) {
			// No handler (wrong method or media type): Spring MVC answers it, the
			// standard limit meanwhile.
			return BodyLimit.Kind.STANDARD;
		}
		finally {
			for (String name : Collections.list(request.getAttributeNames())) {
				if (!before.contains(name)) {
					request.removeAttribute(name);
				}
			}
		}
	}

	/** The request with its body read through a counting stream. */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private @Nullable ServletInputStream body;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.body == null) {
				this.body = new LimitedInputStream(super.getInputStream(), this.limit);
			}
			return this.body;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long read;

		LimitedInputStream(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			// Never asks for more than one byte past the limit.
			int wanted = (int) Math.min(length, Math.max(1, this.limit - this.read + 1));
			int n = this.in.read(buffer, offset, wanted);
			if (n > 0) {
				counted(n);
			}
			return n;
		}

		private void counted(int n) throws IOException {
			this.read += n;
			if (this.read > this.limit) {
				throw new PayloadTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
