package com.acme.confirm.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.acme.confirm.CognitoConfirmApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One more replica of the service inside the test's JVM, on a random port, with the
 * integration tests' configuration (profile {@code test}, the emulator behind WireMock,
 * the OAuth2 server, the test database) and a test's own properties on top: for tests of
 * several replicas sharing one database and one Redis.
 */
public final class ServiceInstance implements AutoCloseable {

	static {
		useTestCredentials();
	}

	private final ConfigurableApplicationContext context;

	private final Api api;

	private ServiceInstance(ConfigurableApplicationContext context) {
		this.context = context;
		this.api = new Api("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * Starts a replica; it is ready when this returns.
	 * @param properties the test's own properties, over the integration tests' ones
	 */
	public static ServiceInstance start(Map<String, ?> properties) {
		Map<String, Object> all = new LinkedHashMap<>(integrationProperties());
		all.put("server.port", 0);
		// a few replicas on one database, next to the suite's cached contexts
		all.put("spring.datasource.hikari.maximum-pool-size", 4);
		all.put("spring.datasource.hikari.minimum-idle", 1);
		all.putAll(properties);
		List<String> arguments = new ArrayList<>();
		// command-line arguments: over the profile's application-test.yaml
		all.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return new ServiceInstance(new SpringApplicationBuilder(CognitoConfirmApplication.class).profiles("test")
			.run(arguments.toArray(String[]::new)));
	}

	/**
	 * What every integration test's service is pointed at: the OAuth2 server, WireMock in
	 * front of the emulator, the test database.
	 */
	static Map<String, String> integrationProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", IdentityProvider.get().issuerUri());
		properties.put("confirm.cognito.endpoint", CognitoWire.get().endpoint());
		properties.put("confirm.aws.sts-endpoint", CognitoWire.get().endpoint());
		TestDatabase database = TestDatabase.get();
		properties.put("spring.datasource.url", database.url());
		properties.put("spring.datasource.username", database.username());
		properties.put("spring.datasource.password", database.password());
		if (!database.schema().isEmpty()) {
			properties.put("spring.flyway.default-schema", database.schema());
		}
		return properties;
	}

	/** The SDK's default chain reads these first; the emulator accepts any key. */
	static void useTestCredentials() {
		System.setProperty("aws.accessKeyId", "test-access-key");
		System.setProperty("aws.secretAccessKey", "test-secret-key");
	}

	public Api api() {
		return this.api;
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
