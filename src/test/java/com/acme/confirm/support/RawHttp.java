package com.acme.confirm.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket, for what a well-behaved client library will not send: raw
 * bytes in the request target, malformed headers, a body without Content-Length (chunked)
 * that goes on after the server has answered.
 */
public final class RawHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RawHttp() {
	}

	/**
	 * Sends a request head as given (CRLFs included) and a body written while the answer
	 * is read, and reads the answer; the body's writer stops at the first failed write
	 * (the server closed the connection).
	 * @param port the service's port
	 * @param head the request line and headers, ending with an empty line
	 * @param body what to write after the head, or {@code null}
	 * @return the answer
	 */
	public static Answer exchange(int port, byte[] head, @Nullable BodyWriter body) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(head);
			out.flush();
			CompletableFuture<Void> writing = (body != null) ? CompletableFuture.runAsync(() -> {
				try {
					body.write(out);
					out.flush();
				}
				catch (IOException ex) {
					// the server stopped reading and closed: what the test is about
				}
			}) : CompletableFuture.completedFuture(null);
			Answer answer = read(socket.getInputStream());
			writing.cancel(true);
			return answer;
		}
	}

	/** A request head of these lines, each ended with CRLF, and the empty line. */
	public static byte[] head(String... lines) {
		return (String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Writes {@code prefix} and then {@code fill} up to {@code total} bytes, as chunks of
	 * 64 KiB.
	 */
	public static BodyWriter chunked(byte[] prefix, long total, byte fill) {
		return (out) -> {
			byte[] chunk = new byte[64 * 1024];
			java.util.Arrays.fill(chunk, fill);
			writeChunk(out, prefix, prefix.length);
			for (long sent = prefix.length; sent < total; sent += chunk.length) {
				writeChunk(out, chunk, (int) Math.min(chunk.length, total - sent));
			}
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		};
	}

	private static void writeChunk(OutputStream out, byte[] data, int length) throws IOException {
		out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(data, 0, length);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
	}

	private static Answer read(InputStream in) throws IOException {
		ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("the connection closed before an answer: " + headBytes);
			}
			headBytes.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).strip());
			}
		}
		byte[] body;
		if (headers.containsKey("content-length")) {
			body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(in);
		}
		else {
			body = in.readAllBytes();
		}
		return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			StringBuilder size = new StringBuilder();
			for (int b = in.read(); b != '\n'; b = in.read()) {
				if (b < 0) {
					return body.toByteArray();
				}
				if (b != '\r') {
					size.append((char) b);
				}
			}
			int length = Integer.parseInt(size.toString().split(";")[0].strip(), 16);
			if (length == 0) {
				return body.toByteArray();
			}
			body.write(in.readNBytes(length));
			in.readNBytes(2);
		}
	}

	/** Writes a request body. */
	@FunctionalInterface
	public interface BodyWriter {

		void write(OutputStream out) throws IOException;

	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param headers its headers, names in lower case
	 * @param body its body as text
	 */
	public record Answer(int status, Map<String, String> headers, String body) {

		public @Nullable String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
