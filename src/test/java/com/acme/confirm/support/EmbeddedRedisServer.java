package com.acme.confirm.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis server of the tests' own on a free port of 127.0.0.1, keeping nothing on disk:
 * the {@code redis-server} binary that {@code embedded-redis} ships for this platform, or
 * else the one on the {@code PATH}. It can be stopped and started again on the same port,
 * for a test of Redis going away under traffic.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

	private final RedisServer server;

	private final int port;

	private EmbeddedRedisServer(RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	/**
	 * Starts a new server: the bundled binary, or the {@code redis-server} on the PATH
	 * where there is none for this platform or it does not run here.
	 * @return the running server
	 * @throws IOException when neither starts, with why
	 */
	public static EmbeddedRedisServer launch() throws IOException {
		int port = freePort();
		IOException bundled;
		try {
			return launch(ExecutableProvider.newJarResourceProvider(), port, "embedded-redis's");
		}
		catch (IOException | RuntimeException ex) {
			bundled = new IOException("embedded-redis's redis-server: " + why(ex), ex);
		}
		try {
			return launch(ExecutableProvider.newExecutableInPath("redis-server"), port, "the PATH's");
		}
		catch (IOException | RuntimeException ex) {
			bundled.addSuppressed(ex);
			throw new IOException(bundled.getMessage() + "; redis-server on the PATH: " + why(ex), bundled);
		}
	}

	private static EmbeddedRedisServer launch(ExecutableProvider executable, int port, String which)
			throws IOException {
		RedisServer server = RedisServer.newRedisServer()
			.executableProvider(executable)
			.bind("127.0.0.1")
			.port(port)
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		server.start();
		log.info("Embedded Redis ({} redis-server) on 127.0.0.1:{}", which, port);
		return new EmbeddedRedisServer(server, port);
	}

	public URI url() {
		return URI.create("redis://127.0.0.1:" + this.port);
	}

	/** Ends the server's process: connections reset, new ones refused. */
	public void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Starts it again on the same port, empty. */
	public void start() {
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	private static String why(Exception ex) {
		return (ex.getCause() != null) ? ex.getMessage() + ": " + ex.getCause() : ex.toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
