package com.acme.confirm.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded Redis goes away and comes back on the same port, as a test of Redis
 * restarting under traffic needs.
 */
class EmbeddedRedisServerTests {

	@Test
	void stopThenStartAnswersAgainOnTheSamePort() throws IOException {
		try (EmbeddedRedisServer redis = EmbeddedRedisServer.launch()) {
			URI url = redis.url();
			assertThat(ping(url)).isEqualTo("+PONG");

			redis.stop();
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> ping(url));

			redis.start();
			assertThat(redis.url()).isEqualTo(url);
			assertThat(ping(url)).isEqualTo("+PONG");
		}
	}

	private static String ping(URI url) throws IOException {
		try (Socket socket = new Socket(url.getHost(), url.getPort())) {
			socket.setSoTimeout(2000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			byte[] reply = new byte[5];
			int read = socket.getInputStream().readNBytes(reply, 0, reply.length);
			return new String(reply, 0, read, StandardCharsets.US_ASCII);
		}
	}

}
