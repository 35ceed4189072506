package com.acme.confirm.aot;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The properties that select which beans exist, as one environment sets them. Spring AOT
 * evaluates every condition at build time, so in an AOT-processed start (the image sets
 * {@code -Dspring.aot.enabled=true}) changing one of these at run time would silently do
 * nothing: a separate management port, OTLP export, an exposed endpoint, a JWK set URI
 * instead of the issuer. Spring Boot's documentation names them:
 * "{@code @ConditionalOnProperty} and {@code .enabled} properties". Recorded at build
 * time by {@link AotBuildPropertiesRecorder}, compared at start-up by
 * {@link AotBuildPropertiesCheck}.
 */
final class AotBuildProperties {

	/** Where the build's values are, on the classpath. */
	static final String LOCATION = "META-INF/confirm/aot-build-properties.properties";

	/** Whether actuator is served on the application's port, its own or none. */
	static final String MANAGEMENT_PORT = "management.server.port(type)";

	/**
	 * Not fixed by AOT: Flyway's switch is read again at run time by the audit feature's
	 * migration strategy, and AOT's own turns AOT on or off.
	 */
	private static final Set<String> RE_READ_AT_RUN_TIME = Set.of("spring.flyway.enabled", "spring.aot.enabled");

	/** Conditions on whether these are set; their values are read at run time. */
	private static final Set<String> PRESENCE = Set.of("spring.security.oauth2.resourceserver.jwt.issuer-uri",
			"spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
			"spring.security.oauth2.resourceserver.jwt.public-key-location",
			"spring.security.oauth2.resourceserver.opaquetoken.introspection-uri",
			"management.opentelemetry.tracing.export.otlp.endpoint", "management.otlp.tracing.endpoint",
			"management.opentelemetry.logging.export.otlp.endpoint", "management.otlp.logging.endpoint");

	/** Selected by value. */
	private static final Set<String> EXACT = Set.of("spring.main.cloud-platform", "spring.main.web-application-type");

	private static final String SET = "(set)";

	private AotBuildProperties() {
	}

	/**
	 * The bean-selecting properties that the environment sets, with their values (for the
	 * presence-only ones: whether they are set) and the management port's type.
	 * @param environment the environment after its configuration data was loaded
	 * @return property name to value, sorted
	 */
	static Map<String, String> of(ConfigurableEnvironment environment) {
		Map<String, String> selecting = new TreeMap<>();
		for (var source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.map(ConfigurationPropertyName::toString)
					.filter(AotBuildProperties::selectsBeans)
					.forEach((name) -> putIfSet(selecting, comparable(name),
							comparableValue(environment.getProperty(name))));
			}
		}
		// looked up, not listed: an environment variable
		// cannot tell "issuer-uri" from "issuer.uri"
		PRESENCE.forEach((name) -> putIfSet(selecting, name, environment.containsProperty(name) ? SET : null));
		EXACT.forEach((name) -> putIfSet(selecting, name, environment.getProperty(name)));
		selecting.put(MANAGEMENT_PORT, ManagementPortType.get(environment).name());
		return selecting;
	}

	/**
	 * Whether a property is one of the {@code .enabled}, {@code .access} or exposure
	 * properties of Spring, its actuator or springdoc.
	 * @param name a property name in canonical form
	 * @return whether the property can select beans
	 */
	static boolean selectsBeans(String name) {
		if (RE_READ_AT_RUN_TIME.contains(name)) {
			return false;
		}
		boolean managed = name.startsWith("spring.") || name.startsWith("management.") || name.startsWith("springdoc.");
		return managed && (name.endsWith(".enabled") || name.endsWith(".access") || name.endsWith(".access.default")
				|| name.contains(".exposure."));
	}

	/**
	 * The name without dashes, so that a property named in YAML and the same property
	 * from an environment variable ({@code SPRINGDOC_APIDOCS_ENABLED}) compare equal.
	 */
	private static String comparable(String name) {
		return name.replace("-", "");
	}

	/**
	 * The value with a boolean in lower case: Spring reads {@code TRUE} as {@code true}.
	 */
	private static @Nullable String comparableValue(@Nullable String value) {
		return ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) ? value.toLowerCase(Locale.ROOT)
				: value;
	}

	private static void putIfSet(Map<String, String> values, String name, @Nullable String value) {
		if (value != null) {
			values.putIfAbsent(name, value);
		}
	}

	/**
	 * What differs between the build and this start, one line per property.
	 * @param build the values recorded at build time
	 * @param now the values of this start
	 * @return lines such as
	 * {@code management.server.port(type): SAME at build time, DIFFERENT now}
	 */
	static Set<String> differences(Map<String, String> build, Map<String, String> now) {
		Set<String> names = new TreeSet<>(build.keySet());
		names.addAll(now.keySet());
		return names.stream()
			.filter((name) -> !Objects.equals(build.get(name), now.get(name)))
			.map((name) -> "%s: %s at build time, %s now".formatted(name, shown(build.get(name)), shown(now.get(name))))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static String shown(@Nullable String value) {
		return (value != null) ? value : "(not set)";
	}

	static String write(Map<String, String> values) {
		Properties properties = new Properties();
		properties.putAll(values);
		StringWriter out = new StringWriter();
		try {
			properties.store(out, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// Properties.store always starts with a date comment: dropped, so that builds of
		// the same sources produce the same jar
		return out.toString()
			.lines()
			.filter((line) -> !line.startsWith("#"))
			.sorted()
			.collect(Collectors.joining("\n", "", "\n"));
	}

	static Map<String, String> read(String text) {
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(text));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new TreeMap<>(properties.stringPropertyNames()
			.stream()
			.collect(Collectors.toMap((name) -> name, properties::getProperty)));
	}

}
