package com.acme.confirm.aot;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * What an AOT-processed start compares with its build: the properties that select beans,
 * from YAML and from environment variables, and the refusal when they differ.
 */
class AotBuildPropertiesTests {

	private static final List<String> PREFIXES = List.of("spring.mvc.problemdetails",
			"management.endpoint.health.probes", "management.otlp.metrics.export", "management.tracing.export",
			"management.health.db", "springdoc.api-docs", "springdoc.swagger-ui", "spring.threads.virtual",
			"management.prometheus.metrics.export");

	static Stream<Arguments> generatedSelectingProperties() {
		Random random = new Random(20261201);
		return IntStream.range(0, 40).mapToObj((i) -> {
			String prefix = PREFIXES.get(random.nextInt(PREFIXES.size()));
			String name = switch (random.nextInt(4)) {
				case 0 -> prefix + ".enabled";
				case 1 -> "management.endpoint." + prefix.substring(prefix.lastIndexOf('.') + 1) + ".access";
				case 2 -> "management.endpoints.web.exposure." + (random.nextBoolean() ? "include" : "exclude");
				default -> "management.endpoints.access.default";
			};
			String value = switch (random.nextInt(3)) {
				case 0 -> String.valueOf(random.nextBoolean());
				case 1 -> random.nextBoolean() ? "read-only" : "none";
				default -> "health, info, " + Integer.toString(random.nextInt(1 << 20), 36);
			};
			return Arguments.of(name, value);
		});
	}

	@ParameterizedTest
	@MethodSource("generatedSelectingProperties")
	void aPropertyThatSelectsBeansIsRecordedWithItsValue(String name, String value) {
		Map<String, String> recorded = AotBuildProperties.of(environment(Map.of(name, value), Map.of()));

		assertThat(recorded).containsEntry(name.replace("-", ""), value);
	}

	@ParameterizedTest
	@MethodSource("generatedSelectingProperties")
	void aChangeOfAPropertyThatSelectsBeansIsRefusedByName(String name, String value) {
		Map<String, String> build = AotBuildProperties.of(environment(Map.of(), Map.of()));
		Map<String, String> now = AotBuildProperties.of(environment(Map.of(name, value), Map.of()));

		assertThatIllegalStateException().isThrownBy(() -> AotBuildPropertiesCheck.check(build, now))
			.withMessageContaining(name.replace("-", "") + ": (not set) at build time, " + value + " now")
			.withMessageContaining("-Dspring.aot.enabled=false");
	}

	@ParameterizedTest
	@ValueSource(strings = { "confirm.cognito.endpoint", "server.compression.enabled", "server.port",
			"management.tracing.sampling.probability", "spring.flyway.enabled", "spring.aot.enabled",
			"spring.datasource.url", "logging.level.root", "confirm.audit.enabled" })
	void propertiesReadAtRunTimeAreNotCompared(String name) {
		Map<String, String> build = AotBuildProperties.of(environment(Map.of(), Map.of()));
		Map<String, String> now = AotBuildProperties.of(environment(Map.of(name, "9090"), Map.of()));

		assertThat(now).isEqualTo(build);
		assertThatNoException().isThrownBy(() -> AotBuildPropertiesCheck.check(build, now));
	}

	@Test
	void anEnvironmentVariableComparesEqualToTheSamePropertyInYaml() {
		Map<String, String> build = AotBuildProperties.of(environment(
				Map.of("springdoc.api-docs.enabled", "false", "management.tracing.export.enabled", "true"), Map.of()));
		Map<String, String> now = AotBuildProperties.of(environment(Map.of(),
				Map.of("SPRINGDOC_APIDOCS_ENABLED", "false", "MANAGEMENT_TRACING_EXPORT_ENABLED", "true")));

		assertThat(now).isEqualTo(build).containsEntry("management.tracing.export.enabled", "true");
	}

	@Test
	void aBooleanComparesEqualInAnyCase() {
		Map<String, String> build = AotBuildProperties
			.of(environment(Map.of("management.otlp.metrics.export.enabled", "false"), Map.of()));
		Map<String, String> now = AotBuildProperties
			.of(environment(Map.of(), Map.of("MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED", "FALSE")));
		Map<String, String> turnedOn = AotBuildProperties
			.of(environment(Map.of(), Map.of("MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED", "True")));

		assertThatNoException().isThrownBy(() -> AotBuildPropertiesCheck.check(build, now));
		assertThatIllegalStateException().isThrownBy(() -> AotBuildPropertiesCheck.check(build, turnedOn))
			.withMessageContaining("management.otlp.metrics.export.enabled: false at build time, true now");
	}

	@Test
	void endpointsAndKeysAreComparedByPresenceOnly() {
		String issuer = "https://idp.example.com/realms/staff";
		Map<String, String> build = AotBuildProperties.of(environment(
				Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://127.0.0.1:1/unused"), Map.of()));
		Map<String, String> now = AotBuildProperties
			.of(environment(Map.of(), Map.of("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer,
					"MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://collector:4318/v1/traces")));

		assertThat(build).containsEntry("spring.security.oauth2.resourceserver.jwt.issuer-uri", "(set)");
		assertThat(String.join(" ", now.values())).doesNotContain("idp.example.com").doesNotContain("collector");
		assertThatIllegalStateException().isThrownBy(() -> AotBuildPropertiesCheck.check(build, now))
			.withMessageContaining(
					"management.opentelemetry.tracing.export.otlp.endpoint: (not set) at build time, (set) now")
			.withMessageNotContaining("issuer-uri");
	}

	@Test
	void theManagementPortIsComparedByWhetherItIsTheApplicationsOwn() {
		Map<String, String> same = AotBuildProperties.of(environment(Map.of("server.port", "8080"), Map.of()));
		Map<String, String> samePortNamed = AotBuildProperties
			.of(environment(Map.of("server.port", "8080", "management.server.port", "8080"), Map.of()));
		Map<String, String> different = AotBuildProperties
			.of(environment(Map.of("server.port", "8080"), Map.of("MANAGEMENT_SERVER_PORT", "8081")));
		Map<String, String> disabled = AotBuildProperties
			.of(environment(Map.of("management.server.port", "-1"), Map.of()));

		assertThat(same).containsEntry(AotBuildProperties.MANAGEMENT_PORT, "SAME");
		assertThat(samePortNamed).isEqualTo(same);
		assertThat(different).containsEntry(AotBuildProperties.MANAGEMENT_PORT, "DIFFERENT");
		assertThat(disabled).containsEntry(AotBuildProperties.MANAGEMENT_PORT, "DISABLED");
		assertThatIllegalStateException().isThrownBy(() -> AotBuildPropertiesCheck.check(same, different))
			.withMessageContaining("management.server.port(type): SAME at build time, DIFFERENT now");
	}

	static Stream<Map<String, String>> generatedRecords() {
		Random random = new Random(1201);
		String alphabet = "abc =:#!\\,. é\t\u00e9\u4e2d";
		return IntStream.range(0, 20).mapToObj((i) -> {
			Map<String, String> values = new LinkedHashMap<>();
			for (int n = random.nextInt(6); n >= 0; n--) {
				StringBuilder value = new StringBuilder();
				for (int c = random.nextInt(12); c > 0; c--) {
					value.append(alphabet.charAt(random.nextInt(alphabet.length())));
				}
				values.put("management.endpoint.e" + random.nextInt(100) + ".access", value.toString());
			}
			return values;
		});
	}

	@ParameterizedTest
	@MethodSource("generatedRecords")
	void theRecordReadsBackAsWrittenWithoutADate(Map<String, String> values) {
		String written = AotBuildProperties.write(values);

		assertThat(AotBuildProperties.read(written)).isEqualTo(new TreeMap<>(values));
		assertThat(written.lines()).noneMatch((line) -> line.startsWith("#"));
		assertThat(written).isEqualTo(AotBuildProperties.write(new TreeMap<>(values)));
	}

	@Test
	void theRecorderPutsTheBuildsPropertiesIntoTheGeneratedResources() throws IOException {
		StandardEnvironment environment = environment(
				Map.of("management.otlp.metrics.export.enabled", "false", "spring.threads.virtual.enabled", "true"),
				Map.of());
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("environment", environment);
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.acme.confirm", "Application")), files);

		var contribution = new AotBuildPropertiesRecorder().processAheadOfTime(beanFactory);
		assertThat(contribution).isNotNull();
		contribution.applyTo(generation, null);

		String resource = files.getGeneratedFileContent(Kind.RESOURCE, AotBuildProperties.LOCATION);
		assertThat(AotBuildProperties.read(resource)).containsEntry("management.otlp.metrics.export.enabled", "false")
			.containsEntry("spring.threads.virtual.enabled", "true")
			.containsEntry(AotBuildProperties.MANAGEMENT_PORT, "SAME")
			.isEqualTo(AotBuildProperties.of(environment));
	}

	private static StandardEnvironment environment(Map<String, Object> yaml, Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		var sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				variables));
		sources.addLast(new MapPropertySource("application.yaml", yaml));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

}
