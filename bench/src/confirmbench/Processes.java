package confirmbench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Commands the driver runs to their end (the JDK's tools, the AWS CLI), and ports for the
 * service's processes.
 */
final class Processes {

	private Processes() {
	}

	/**
	 * Runs the command and returns its output, stdout and stderr together. Without
	 * JAVA_TOOL_OPTIONS, so that options meant for another JVM do not reach the JDK's
	 * tools; the AWS variables keep the CLI away from this machine's AWS configuration
	 * and the metadata service, with dummy credentials the stand-in accepts.
	 */
	static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		env.remove("JAVA_TOOL_OPTIONS");
		env.put("AWS_ACCESS_KEY_ID", "bench");
		env.put("AWS_SECRET_ACCESS_KEY", "bench");
		env.put("AWS_DEFAULT_REGION", "us-east-1");
		env.put("AWS_PAGER", "");
		env.put("AWS_EC2_METADATA_DISABLED", "true");
		env.put("AWS_CONFIG_FILE", "/dev/null");
		env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(command.get(0) + " timed out");
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": " + out);
		}
		return out;
	}

	/** A port that is free on the loopback interface now. */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
