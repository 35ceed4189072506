package com.acme.confirm.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpMethod;

/**
 * The service as a process of its own, with the integration tests' configuration, in
 * front of the given Cognito endpoint, the OAuth2 server and the test database: to start
 * the packaged jar as the image does, or a second replica, and to kill one for real
 * (SIGKILL) or stop it (SIGTERM).
 */
public final class ServiceProcess {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

	private final Process process;

	private final Path log;

	private final Api api;

	private ServiceProcess(Process process, Path log, Api api) {
		this.process = process;
		this.log = log;
		this.api = api;
	}

	/**
	 * Starts the packaged jar.
	 * @param jar the jar
	 * @param jvmFlags JVM options before {@code -jar}
	 * @param cognitoEndpoint where Cognito is
	 * @param properties more {@code --name=value} arguments
	 * @return the process, once ready
	 */
	public static ServiceProcess jar(Path jar, List<String> jvmFlags, String cognitoEndpoint, String... properties)
			throws Exception {
		List<String> command = new ArrayList<>(List.of(javaExecutable()));
		command.addAll(jvmFlags);
		command.addAll(List.of("-jar", jar.toString()));
		return start(command, cognitoEndpoint, jar.resolveSibling("shipped-jar-it.log"), properties);
	}

	/**
	 * Starts the application from the test class path (the classes under test, not the
	 * jar), as another replica would run.
	 * @param name names its log, {@code target/<name>.log}
	 * @param cognitoEndpoint where Cognito is
	 * @param properties more {@code --name=value} arguments
	 * @return the process, once ready
	 */
	public static ServiceProcess replica(String name, String cognitoEndpoint, String... properties) throws Exception {
		return replica(name, List.of(), cognitoEndpoint, properties);
	}

	/**
	 * As {@link #replica(String, String, String...)}, with JVM options (the image's
	 * memory flags).
	 * @param name names its log, {@code target/<name>.log}
	 * @param jvmFlags JVM options before the main class
	 * @param cognitoEndpoint where Cognito is
	 * @param properties more {@code --name=value} arguments
	 * @return the process, once ready
	 */
	public static ServiceProcess replica(String name, List<String> jvmFlags, String cognitoEndpoint,
			String... properties) throws Exception {
		return replica(name, javaExecutable(), jvmFlags, cognitoEndpoint, properties);
	}

	/**
	 * As {@link #replica(String, List, String, String...)}, on another Java runtime (the
	 * image's, with virtual threads).
	 * @param name names its log, {@code target/<name>.log}
	 * @param java the {@code java} executable
	 * @param jvmFlags JVM options before the main class
	 * @param cognitoEndpoint where Cognito is
	 * @param properties more {@code --name=value} arguments
	 * @return the process, once ready
	 */
	public static ServiceProcess replica(String name, String java, List<String> jvmFlags, String cognitoEndpoint,
			String... properties) throws Exception {
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(jvmFlags);
		command.addAll(
				List.of("-cp", System.getProperty("java.class.path"), "com.acme.confirm.CognitoConfirmApplication"));
		return start(command, cognitoEndpoint, Path.of("target", name + ".log"), properties);
	}

	/**
	 * Starts the application from the test class path with these environment variables
	 * added to the process's.
	 * @param name names its log, {@code target/<name>.log}
	 * @param cognitoEndpoint where Cognito is
	 * @param environment variables such as {@code LOGGING_LEVEL_ROOT}
	 * @param properties more {@code --name=value} arguments
	 * @return the process, once ready
	 */
	public static ServiceProcess replica(String name, String cognitoEndpoint, Map<String, String> environment,
			String... properties) throws Exception {
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", System.getProperty("java.class.path"),
				"com.acme.confirm.CognitoConfirmApplication"));
		return start(command, cognitoEndpoint, Path.of("target", name + ".log"), environment, properties);
	}

	private static ServiceProcess start(List<String> command, String cognitoEndpoint, Path log, String... properties)
			throws Exception {
		return start(command, cognitoEndpoint, log, Map.of(), properties);
	}

	private static ServiceProcess start(List<String> command, String cognitoEndpoint, Path log,
			Map<String, String> environment, String... properties) throws Exception {
		TestDatabase database = TestDatabase.get();
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		// the SDK's default chain reads these first; the emulator accepts any key
		command.addAll(1, List.of("-Daws.accessKeyId=test-access-key", "-Daws.secretAccessKey=test-secret-key"));
		command.addAll(List.of("--server.port=" + port, "--spring.profiles.active=test",
				"--spring.config.additional-location=optional:file:" + testResources() + "/",
				"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + IdentityProvider.get().issuerUri(),
				"--confirm.cognito.endpoint=" + cognitoEndpoint, "--confirm.aws.sts-endpoint=" + cognitoEndpoint,
				"--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password()));
		if (!database.schema().isEmpty()) {
			command.add("--spring.flyway.default-schema=" + database.schema());
		}
		command.addAll(List.of(properties));
		Files.createDirectories(log.toAbsolutePath().getParent());
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment);
		Process process = builder.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		ServiceProcess service = new ServiceProcess(process, log, new Api("http://127.0.0.1:" + port));
		service.awaitReadiness();
		return service;
	}

	public Api api() {
		return this.api;
	}

	public Path log() {
		return this.log;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Kills the process at once (SIGKILL): nothing of it runs to an end. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/** Stops the process as Kubernetes does (SIGTERM), and waits for it. */
	public void terminate() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	public String logTail() throws IOException {
		List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private void awaitReadiness() throws Exception {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"the service exited with " + this.process.exitValue() + ":\n" + logTail());
			}
			try {
				if (this.api.exchange(HttpMethod.GET, "/actuator/health/readiness", null, null, Map.of())
					.getStatusCode()
					.value() == 200) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the service was not ready within " + READY_TIMEOUT + ":\n" + logTail());
	}

	private static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static Path testResources() throws URISyntaxException {
		return Path.of(ServiceProcess.class.getResource("/application-test.yaml").toURI()).getParent();
	}

}
