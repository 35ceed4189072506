package com.acme.confirm.aot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Refuses an AOT-processed start whose bean-selecting properties differ from the build's:
 * Spring would otherwise ignore them without a word (a separate management port that
 * never opens, traces never exported). Runs after the configuration data is loaded;
 * without {@code -Dspring.aot.enabled=true} it does nothing. Registered in
 * {@code META-INF/spring.factories}.
 */
class AotBuildPropertiesCheck implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassPathResource recorded = new ClassPathResource(AotBuildProperties.LOCATION, application.getClassLoader());
		if (AotDetector.useGeneratedArtifacts() && recorded.exists()) {
			check(read(recorded), AotBuildProperties.of(environment));
		}
	}

	static void check(Map<String, String> build, Map<String, String> now) {
		Set<String> differences = AotBuildProperties.differences(build, now);
		if (!differences.isEmpty()) {
			throw new IllegalStateException("""
					This start uses the beans that Spring AOT chose when the jar was built \
					(-Dspring.aot.enabled=true), but properties that choose beans differ from the build's, \
					so they would be ignored: %s. Start without AOT (-Dspring.aot.enabled=false, e.g. in \
					JDK_JAVA_OPTIONS; the Helm chart's jvm.springAot: false) or build the jar with these \
					values (the process-aot execution in pom.xml).""".formatted(String.join("; ", differences)));
		}
	}

	private static Map<String, String> read(ClassPathResource recorded) {
		try {
			return AotBuildProperties.read(recorded.getContentAsString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public int getOrder() {
		// after ConfigDataEnvironmentPostProcessor: application.yaml, /config and the
		// profiles are loaded by then
		return Ordered.LOWEST_PRECEDENCE;
	}

}
