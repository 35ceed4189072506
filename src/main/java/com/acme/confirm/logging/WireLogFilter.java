package com.acme.confirm.logging;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops every event below INFO of the loggers that can print what goes over the wire to
 * Cognito and STS: the request body (the confirmation code, SecretHash, clientMetadata),
 * the signed headers (the session token) and Cognito's messages. A turbo filter decides
 * before the level does, so no {@code logging.level.*} property, environment variable or
 * change through the actuator's {@code /loggers} turns them on; only
 * {@code confirm.logging.allow-wire-log=true} does.
 */
final class WireLogFilter extends TurboFilter {

	/**
	 * The Apache HttpClient 5 wire and header logs, HttpClient 4's should it come back,
	 * and the AWS SDK (its request logger, the signer's canonical request, the retry logs
	 * that quote Cognito's exceptions).
	 */
	static final List<String> PINNED = List.of("org.apache.hc.client5", "org.apache.hc.core5", "org.apache.http",
			"software.amazon.awssdk");

	private static final String NAME = "confirm-wire-log-filter";

	private WireLogFilter() {
		setName(NAME);
	}

	/**
	 * Adds the filter to the context unless wire logging is allowed, once.
	 */
	static void install(LoggerContext context, boolean allowed) {
		context.getTurboFilterList().removeIf((filter) -> NAME.equals(filter.getName()));
		if (allowed) {
			LoggerFactory.getLogger(WireLogFilter.class)
				.warn("confirm.logging.allow-wire-log is true: the HTTP client's and the AWS SDK's DEBUG logs can "
						+ "print confirmation codes, SecretHashes and session tokens");
			return;
		}
		WireLogFilter filter = new WireLogFilter();
		filter.setContext(context);
		filter.start();
		context.addTurboFilter(filter);
	}

	@Override
	public FilterReply decide(@Nullable Marker marker, @Nullable Logger logger, @Nullable Level level,
			@Nullable String format, Object @Nullable [] params, @Nullable Throwable t) {
		if (logger == null || level == null || level.isGreaterOrEqual(Level.INFO)) {
			return FilterReply.NEUTRAL;
		}
		String name = logger.getName();
		for (String pinned : PINNED) {
			if (name.startsWith(pinned) && (name.length() == pinned.length() || name.charAt(pinned.length()) == '.')) {
				return FilterReply.DENY;
			}
		}
		return FilterReply.NEUTRAL;
	}

}
