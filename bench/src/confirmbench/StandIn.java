package confirmbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.sun.net.httpserver.HttpServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A fast Cognito stand-in on the loopback interface: AdminGetUser answers an UNCONFIRMED,
 * enabled user, AdminConfirmSignUp answers {}, in Cognito's wire format (POST /,
 * X-Amz-Target, application/x-amz-json-1.1). Either a JDK HttpServer (default) or
 * WireMock with the same two stubs.
 */
abstract class StandIn implements AutoCloseable {

	static final String WIREMOCK = "wiremock";

	static final String JDK = "jdk";

	static final String CONTENT_TYPE = "application/x-amz-json-1.1";

	static final String TARGET = "AWSCognitoIdentityProviderService.";

	static final byte[] GET_USER = "{\"Username\":\"u123\",\"UserStatus\":\"UNCONFIRMED\",\"Enabled\":true,\"UserAttributes\":[]}"
		.getBytes(StandardCharsets.UTF_8);

	static final byte[] CONFIRMED = "{}".getBytes(StandardCharsets.UTF_8);

	static final byte[] UNKNOWN = "{\"__type\":\"InvalidParameterException\",\"message\":\"not stubbed\"}"
		.getBytes(StandardCharsets.UTF_8);

	final AtomicLong getUser = new AtomicLong();

	final AtomicLong confirm = new AtomicLong();

	final AtomicLong other = new AtomicLong();

	abstract int port();

	abstract String kind();

	@Override
	public abstract void close();

	/** Starts the stand-in on the port, or on a free one for 0. */
	static StandIn start(String kind, int port) throws IOException {
		return WIREMOCK.equals(kind) ? new WireMockStandIn(port) : new JdkStandIn(port, false);
	}

	/**
	 * The JDK stand-in whose AdminGetUser names the user asked for, as Cognito does: a
	 * job's item checks the name Cognito answers against its own.
	 */
	static StandIn echoing() throws IOException {
		return new JdkStandIn(0, true);
	}

	/**
	 * Stops this stand-in and starts the other kind on the same port, so that clients
	 * configured with its URL (the running service) reconnect to the new one.
	 */
	StandIn switchTo(String kind) throws IOException, InterruptedException {
		int port = port();
		close();
		IOException last = null;
		for (int i = 0; i < 50; i++) {
			try {
				return start(kind, port);
			}
			catch (IOException | RuntimeException ex) {
				last = (ex instanceof IOException io) ? io : new IOException(ex);
				Thread.sleep(100);
			}
		}
		throw last;
	}

	String url() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * The JDK's HttpServer with TCP_NODELAY (sun.net.httpserver.nodelay=true, set by
	 * Main before the class loads), a few handler threads, fixed answers.
	 */
	static final class JdkStandIn extends StandIn {

		private final HttpServer server;

		private final ExecutorService executor;

		JdkStandIn(int port, boolean echo) throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
			this.executor = Executors.newFixedThreadPool(8, (r) -> {
				Thread t = new Thread(r, "stand-in");
				t.setDaemon(true);
				return t;
			});
			this.server.setExecutor(this.executor);
			this.server.createContext("/", (exchange) -> {
				byte[] request;
				try (InputStream in = exchange.getRequestBody()) {
					request = in.readAllBytes();
				}
				String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
				byte[] body;
				int status = 200;
				if ((TARGET + "AdminGetUser").equals(target)) {
					this.getUser.incrementAndGet();
					body = echo ? getUser(request) : GET_USER;
				}
				else if ((TARGET + "AdminConfirmSignUp").equals(target)) {
					this.confirm.incrementAndGet();
					body = CONFIRMED;
				}
				else {
					this.other.incrementAndGet();
					status = 400;
					body = UNKNOWN;
				}
				exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
				exchange.getResponseHeaders().set("x-amzn-RequestId", "bench-0000-0000");
				exchange.sendResponseHeaders(status, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			this.server.start();
		}

		/** GET_USER with the request's Username (a bench username needs no JSON escaping). */
		private static byte[] getUser(byte[] request) {
			String json = new String(request, StandardCharsets.UTF_8);
			int at = json.indexOf("\"Username\"");
			int start = json.indexOf('"', json.indexOf(':', at) + 1) + 1;
			String username = json.substring(start, json.indexOf('"', start));
			return ("{\"Username\":\"" + username
					+ "\",\"UserStatus\":\"UNCONFIRMED\",\"Enabled\":true,\"UserAttributes\":[]}")
				.getBytes(StandardCharsets.UTF_8);
		}

		@Override
		int port() {
			return this.server.getAddress().getPort();
		}

		@Override
		String kind() {
			return "JDK HttpServer (com.sun.net.httpserver, 8 handler threads, TCP_NODELAY)";
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

	/** WireMock standalone with the same two stubs, journal off. */
	static final class WireMockStandIn extends StandIn {

		private final WireMockServer server;

		WireMockStandIn(int port) {
			this.server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
				.port(port)
				.containerThreads(64)
				.disableRequestJournal()
				.notifier(new ConsoleNotifier(false)));
			this.server.start();
			this.server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "AdminGetUser"))
				.willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", CONTENT_TYPE)
					.withHeader("x-amzn-RequestId", "bench-0000-0000")
					.withBody(GET_USER)));
			this.server.stubFor(post(urlEqualTo("/"))
				.withHeader("X-Amz-Target", equalTo(TARGET + "AdminConfirmSignUp"))
				.willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", CONTENT_TYPE)
					.withHeader("x-amzn-RequestId", "bench-0000-0000")
					.withBody(CONFIRMED)));
		}

		@Override
		int port() {
			return this.server.port();
		}

		@Override
		String kind() {
			return "WireMock 3.13.1 (2 stubs matched on X-Amz-Target, request journal off)";
		}

		@Override
		public void close() {
			this.server.stop();
		}

	}

}
