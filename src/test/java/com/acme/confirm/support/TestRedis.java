package com.acme.confirm.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A Redis for the shared budget, the first of: the server {@code CONFIRM_TEST_REDIS_URL}
 * names; without it, a Testcontainers container where a Docker engine exists, else the
 * server at redis://127.0.0.1:6379; where none of these answers, an
 * {@link EmbeddedRedisServer}. One per JVM.
 */
public final class TestRedis {

	private static final Logger log = LoggerFactory.getLogger(TestRedis.class);

	private static final URI DEFAULT_URL = URI.create("redis://127.0.0.1:6379");

	private static final int TIMEOUT_MILLIS = 2000;

	private static volatile URI url;

	private static volatile IllegalStateException failure;

	private TestRedis() {
	}

	/**
	 * The Redis of this JVM, found or started on first use. When none can be had, the
	 * first caller gets why and what to provide, every later one the same message at
	 * once.
	 */
	public static URI url() {
		if (url == null) {
			synchronized (TestRedis.class) {
				if (failure != null) {
					throw new IllegalStateException(failure.getMessage());
				}
				if (url == null) {
					try {
						url = start();
					}
					catch (IllegalStateException ex) {
						failure = ex;
						throw ex;
					}
				}
			}
		}
		return url;
	}

	private static URI start() {
		String configured = System.getenv("CONFIRM_TEST_REDIS_URL");
		List<String> tried = new ArrayList<>();
		if (configured != null) {
			URI uri = URI.create(configured);
			String refused = connectionFailure(uri);
			if (refused == null) {
				return uri;
			}
			log.warn("CONFIRM_TEST_REDIS_URL={} answers nothing ({}): starting an embedded Redis instead", configured,
					refused);
			tried.add("CONFIRM_TEST_REDIS_URL=" + configured + " answers nothing");
		}
		else if (DockerClientFactory.instance().isDockerAvailable()) {
			GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
			redis.start();
			Runtime.getRuntime().addShutdownHook(new Thread(redis::stop));
			return URI.create("redis://" + redis.getHost() + ":" + redis.getMappedPort(6379));
		}
		else {
			String reply = ping(DEFAULT_URL);
			if (reply.equals("+PONG")) {
				return DEFAULT_URL;
			}
			log.info("No Docker engine, and no Redis at {} (PING: {}): starting an embedded Redis", DEFAULT_URL, reply);
			tried.add("no Docker engine");
			tried.add("PING " + DEFAULT_URL + ": " + reply);
		}
		try {
			EmbeddedRedisServer redis = EmbeddedRedisServer.launch();
			Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
			return redis.url();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No Redis for the tests (" + String.join("; ", tried)
					+ "), and the embedded one did not start: " + ex.getMessage() + "\nProvide one of: a Docker engine "
					+ "(Testcontainers starts redis:7-alpine); a Redis server named by CONFIRM_TEST_REDIS_URL "
					+ "(redis://HOST:PORT) or at " + DEFAULT_URL + "; or redis-server on the PATH (Debian and "
					+ "Ubuntu: apt-get install redis-server; macOS: brew install redis).", ex);
		}
	}

	/** Null when something accepts a TCP connection there, else why not. */
	private static String connectionFailure(URI uri) {
		try (Socket socket = new Socket()) {
			socket.connect(address(uri), TIMEOUT_MILLIS);
			return null;
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	/** The first line a server there answers to PING, or what happened instead. */
	private static String ping(URI uri) {
		try (Socket socket = new Socket()) {
			socket.connect(address(uri), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = in.read()) != -1 && c != '\r' && c != '\n' && line.length() < 200) {
				line.append((char) c);
			}
			return line.isEmpty() ? "no answer" : line.toString();
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static InetSocketAddress address(URI uri) {
		return new InetSocketAddress(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 6379);
	}

}
