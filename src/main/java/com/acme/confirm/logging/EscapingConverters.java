package com.acme.confirm.logging;

import java.util.Map;
import java.util.function.Supplier;

import ch.qos.logback.classic.pattern.MDCConverter;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.pattern.DynamicConverter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * The plain-text pattern's message, MDC and exception conversion words, escaping what
 * {@link LogText} escapes. They replace Logback's own words ({@code %m}, {@code %X},
 * {@code %ex} ...), so that a pattern an operator sets escapes too; Spring Boot's
 * {@code %wEx} is its own rule and cannot be replaced, so the service's exception word is
 * {@code %escEx} ({@code logging.exception-conversion-word}).
 */
final class EscapingConverters {

	/** The conversion word for exceptions that application.yaml sets. */
	static final String EXCEPTION_WORD = "escEx";

	private EscapingConverters() {
	}

	// Logback's own map holds raw DynamicConverter suppliers.
	@SuppressWarnings("rawtypes")
	static void register(Map<String, Supplier<DynamicConverter>> converters) {
		for (String word : new String[] { "m", "msg", "message" }) {
			converters.put(word, EscapedMessage::new);
		}
		for (String word : new String[] { "X", "mdc" }) {
			converters.put(word, EscapedMdc::new);
		}
		for (String word : new String[] { "ex", "exception", "throwable" }) {
			converters.put(word, EscapedThrowable::new);
		}
		converters.put(EXCEPTION_WORD, EscapedWhitespaceThrowable::new);
	}

	static final class EscapedMessage extends MessageConverter {

		@Override
		public String convert(ILoggingEvent event) {
			return String.valueOf(LogText.escape(super.convert(event)));
		}

	}

	static final class EscapedMdc extends MDCConverter {

		@Override
		public String convert(ILoggingEvent event) {
			return String.valueOf(LogText.escape(super.convert(event)));
		}

	}

	static final class EscapedThrowable extends ThrowableProxyConverter {

		@Override
		protected String throwableProxyToString(IThrowableProxy proxy) {
			return super.throwableProxyToString(new EscapedThrowableProxy(proxy));
		}

	}

	static final class EscapedWhitespaceThrowable extends ExtendedWhitespaceThrowableProxyConverter {

		@Override
		protected String throwableProxyToString(IThrowableProxy proxy) {
			return super.throwableProxyToString(new EscapedThrowableProxy(proxy));
		}

	}

	/**
	 * An exception as logged, its messages (and its causes') escaped; the stack frames
	 * are the JVM's own.
	 */
	private record EscapedThrowableProxy(IThrowableProxy proxy) implements IThrowableProxy {

		@Override
		public @Nullable String getOverridingMessage() {
			return LogText.escape(this.proxy.getOverridingMessage());
		}

		@Override
		public @Nullable String getMessage() {
			return LogText.escape(this.proxy.getMessage());
		}

		@Override
		public String getClassName() {
			return this.proxy.getClassName();
		}

		@Override
		public StackTraceElementProxy[] getStackTraceElementProxyArray() {
			return this.proxy.getStackTraceElementProxyArray();
		}

		@Override
		public int getCommonFrames() {
			return this.proxy.getCommonFrames();
		}

		@Override
		public @Nullable IThrowableProxy getCause() {
			IThrowableProxy cause = this.proxy.getCause();
			return (cause != null) ? new EscapedThrowableProxy(cause) : null;
		}

		@Override
		public IThrowableProxy[] getSuppressed() {
			IThrowableProxy[] suppressed = this.proxy.getSuppressed();
			if (suppressed == null) {
				return new IThrowableProxy[0];
			}
			IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
			for (int i = 0; i < suppressed.length; i++) {
				escaped[i] = new EscapedThrowableProxy(suppressed[i]);
			}
			return escaped;
		}

		@Override
		public boolean isCyclic() {
			return this.proxy.isCyclic();
		}

	}

}
