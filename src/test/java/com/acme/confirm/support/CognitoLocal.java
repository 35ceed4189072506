package com.acme.confirm.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cognito-local emulator, run as a node process from a fresh seed (it corrupts its
 * data under parallel writes, so nothing is reused between runs). One per JVM.
 */
public final class CognitoLocal {

	private static final Pattern READY = Pattern.compile("Cognito Local running on (http://[^\\s\\u001b]+)");

	private static volatile CognitoLocal instance;

	private final URI endpoint;

	private final CognitoIdentityProviderClient client;

	private CognitoLocal(URI endpoint) {
		this.endpoint = endpoint;
		this.client = CognitoIdentityProviderClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.build();
	}

	public static CognitoLocal get() {
		if (instance == null) {
			synchronized (CognitoLocal.class) {
				if (instance == null) {
					instance = start();
				}
			}
		}
		return instance;
	}

	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * An SDK client straight to the emulator, for arranging users and asserting on them.
	 */
	public CognitoIdentityProviderClient client() {
		return this.client;
	}

	/** Signs up an UNCONFIRMED user whose code is {@link TestPools#CODE}. */
	public void signUp(String username, String email) {
		this.client.signUp((request) -> request.clientId(TestPools.PUBLIC_CLIENT)
			.username(username)
			.password("Passw0rd!Passw0rd")
			.userAttributes(AttributeType.builder().name("email").value(email).build()));
	}

	/**
	 * Signs up an UNCONFIRMED user through the given app client (and so in its pool).
	 * @return the user's sub
	 */
	public String signUp(String clientId, String username, String email) {
		return this.client
			.signUp((request) -> request.clientId(clientId)
				.username(username)
				.password("Passw0rd!Passw0rd")
				.userAttributes(AttributeType.builder().name("email").value(email).build()))
			.userSub();
	}

	/** The user as AdminGetUser in the given pool answers. */
	public AdminGetUserResponse user(String userPoolId, String username) {
		return this.client.adminGetUser((request) -> request.userPoolId(userPoolId).username(username));
	}

	/** Signs up an UNCONFIRMED user without an email address. */
	public void signUpWithoutEmail(String username) {
		this.client.signUp((
				request) -> request.clientId(TestPools.PUBLIC_CLIENT).username(username).password("Passw0rd!Passw0rd"));
	}

	/** Creates a user in FORCE_CHANGE_PASSWORD, as AdminCreateUser does. */
	public void adminCreateUser(String username) {
		adminCreateUser(TestPools.CUSTOMERS, username);
	}

	/** Creates a user in FORCE_CHANGE_PASSWORD in the given pool. */
	public void adminCreateUser(String userPoolId, String username) {
		this.client.adminCreateUser((request) -> request.userPoolId(userPoolId)
			.username(username)
			.messageAction(MessageActionType.SUPPRESS));
	}

	public void disable(String username) {
		this.client.adminDisableUser((request) -> request.userPoolId(TestPools.CUSTOMERS).username(username));
	}

	public AdminGetUserResponse user(String username) {
		return this.client.adminGetUser((request) -> request.userPoolId(TestPools.CUSTOMERS).username(username));
	}

	public String status(String username) {
		return user(username).userStatusAsString();
	}

	public boolean emailVerified(String username) {
		return user(username).userAttributes()
			.stream()
			.anyMatch((attribute) -> attribute.name().equals("email_verified") && attribute.value().equals("true"));
	}

	private static CognitoLocal start() {
		try {
			Path home = Files.createTempDirectory("cognito-local");
			seed(home.resolve(".cognito"));
			Path script = NodeTools.install().resolve("node_modules/cognito-local/lib/bin/start.js");
			ProcessBuilder builder = new ProcessBuilder("node", script.toString()).directory(home.toFile())
				.redirectErrorStream(true);
			builder.environment().put("HOST", "127.0.0.1");
			builder.environment().put("PORT", "0");
			builder.environment().put("CODE", TestPools.CODE);
			Process process = builder.start();
			CompletableFuture<URI> ready = new CompletableFuture<>();
			Thread pump = new Thread(() -> pump(process, ready), "cognito-local-output");
			pump.setDaemon(true);
			pump.start();
			URI endpoint = ready.get(60, TimeUnit.SECONDS);
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
			return new CognitoLocal(endpoint);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cognito-local did not start", ex);
		}
	}

	private static void pump(Process process, CompletableFuture<URI> ready) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				Matcher matcher = READY.matcher(line);
				if (!ready.isDone() && matcher.find()) {
					ready.complete(URI.create(matcher.group(1)));
				}
			}
			ready.completeExceptionally(new IllegalStateException("cognito-local exited: " + process.waitFor()));
		}
		catch (IOException | InterruptedException ex) {
			ready.completeExceptionally(ex);
		}
	}

	private static void seed(Path dataDirectory) throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		Path db = Files.createDirectories(dataDirectory.resolve("db"));
		// Plain usernames: no email or phone number stands in for the username.
		json.writeValue(dataDirectory.resolve("config.json").toFile(),
				Map.of("UserPoolDefaults", Map.of("UsernameAttributes", List.of())));
		Map<String, Object> clients = new LinkedHashMap<>();
		clients.put(TestPools.SECRET_CLIENT, client(TestPools.SECRET_CLIENT, TestPools.SECRET_CLIENT_SECRET));
		clients.put(TestPools.PUBLIC_CLIENT, client(TestPools.PUBLIC_CLIENT, null));
		clients.put(TestPools.ALIASED_CLIENT, client(TestPools.ALIASED_CLIENT, null, TestPools.ALIASED));
		clients.put(TestPools.EMAIL_USERNAME_CLIENT,
				client(TestPools.EMAIL_USERNAME_CLIENT, null, TestPools.EMAIL_USERNAME));
		clients.put(TestPools.SIGNED_CLIENT, client(TestPools.SIGNED_CLIENT, null, TestPools.SIGNED));
		clients.put(TestPools.MISCONFIGURED_CLIENT,
				client(TestPools.MISCONFIGURED_CLIENT, TestPools.MISCONFIGURED_CLIENT_REAL_SECRET));
		json.writeValue(db.resolve("clients.json").toFile(), Map.of("Clients", clients));
		for (String pool : List.of(TestPools.CUSTOMERS, TestPools.PARTNERS, TestPools.CROSS_ACCOUNT, TestPools.SIGNED,
				TestPools.UNMANAGED)) {
			json.writeValue(db.resolve(pool + ".json").toFile(), Map.of("Users", Map.of(), "Options",
					Map.of("Id", pool, "Name", pool, "UsernameAttributes", List.of())));
		}
		// DescribeUserPool answers with these options, as Cognito does for such pools.
		json.writeValue(db.resolve(TestPools.ALIASED + ".json").toFile(),
				Map.of("Users", Map.of(), "Options", Map.of("Id", TestPools.ALIASED, "Name", TestPools.ALIASED,
						"UsernameAttributes", List.of(), "AliasAttributes", List.of("email"))));
		json.writeValue(db.resolve(TestPools.EMAIL_USERNAME + ".json").toFile(),
				Map.of("Users", Map.of(), "Options", Map.of("Id", TestPools.EMAIL_USERNAME, "Name",
						TestPools.EMAIL_USERNAME, "UsernameAttributes", List.of("email"))));
	}

	private static Map<String, Object> client(String id, String secret) {
		return client(id, secret, TestPools.CUSTOMERS);
	}

	private static Map<String, Object> client(String id, String secret, String userPoolId) {
		Map<String, Object> client = new LinkedHashMap<>();
		client.put("ClientId", id);
		client.put("ClientName", id);
		client.put("UserPoolId", userPoolId);
		if (secret != null) {
			client.put("ClientSecret", secret);
		}
		return client;
	}

}
