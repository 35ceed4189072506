package com.acme.confirm.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Installs the log safety measures around Spring Boot's own logging set-up (registered in
 * {@code META-INF/spring.factories}, so that it sees the events before any bean exists):
 * the escaping converters before Boot builds its layouts, and the {@link WireLogFilter}
 * after every (re)configuration, which drops the turbo filters of the one before.
 */
class LogSafety implements GenericApplicationListener {

	/** Turns the pinned loggers back to the levels set for them. */
	static final String ALLOW_WIRE_LOG = "confirm.logging.allow-wire-log";

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		Class<?> type = eventType.getRawClass();
		return type != null && (ApplicationStartingEvent.class.isAssignableFrom(type)
				|| ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationStartingEvent) {
			EscapingConverters.register(PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP);
		}
		else if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			EscapingConverters.register(PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP);
			boolean allowed = prepared.getEnvironment().getProperty(ALLOW_WIRE_LOG, Boolean.class, false);
			ILoggerFactory factory = LoggerFactory.getILoggerFactory();
			if (factory instanceof LoggerContext context) {
				WireLogFilter.install(context, allowed);
			}
		}
	}

	@Override
	public int getOrder() {
		// after Boot has (re)configured Logback
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

}
