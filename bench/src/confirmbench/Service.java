package confirmbench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as a child process: started with the bench's environment, timed until
 * /actuator/health/readiness answers UP, measured (RSS), stopped with SIGTERM.
 */
final class Service implements AutoCloseable {

	final String label;

	final Process process;

	final int port;

	final double readySeconds;

	final long rssAtReadyKb;

	final Path log;

	private final Path javaHome;

	private Service(String label, Process process, int port, double readySeconds, Path log, Path javaHome) {
		this.label = label;
		this.process = process;
		this.port = port;
		this.readySeconds = readySeconds;
		this.log = log;
		this.javaHome = javaHome;
		this.rssAtReadyKb = rssKb();
	}

	/**
	 * Starts {@code java <args>} in {@code cwd} and waits for readiness.
	 */
	static Service start(String label, Path javaHome, Path cwd, List<String> args, Map<String, String> env, int port,
			Path log, Duration timeout) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(javaHome.resolve("bin/java").toString());
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(env);
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		long t0 = System.nanoTime();
		Process process = builder.start();
		URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
		while (true) {
			if (!process.isAlive()) {
				throw new IllegalStateException(label + ": java exited with " + process.exitValue()
						+ " before it was ready; see " + log + "\n" + tail(log, 30));
			}
			if (System.nanoTime() - t0 > timeout.toNanos()) {
				process.destroyForcibly();
				throw new IllegalStateException(label + ": not ready after " + timeout + "; see " + log);
			}
			if (ready(readiness)) {
				break;
			}
			Thread.sleep(20);
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		return new Service(label, process, port, seconds, log, javaHome);
	}

	private static boolean ready(URI uri) {
		try {
			HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
			connection.setConnectTimeout(500);
			connection.setReadTimeout(1000);
			try {
				if (connection.getResponseCode() != 200) {
					return false;
				}
				String body = new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				return body.contains("\"UP\"");
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException ex) {
			return false;
		}
	}

	long pid() {
		return this.process.pid();
	}

	/** Resident set size now, in KiB. */
	long rssKb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException ex) {
			// gone
		}
		return -1;
	}

	/** Whether the process maps a file whose name ends so (the AOT cache). */
	boolean maps(String fileName) throws IOException {
		return Files.readAllLines(Path.of("/proc/" + pid() + "/maps"))
			.stream()
			.anyMatch((line) -> line.endsWith("/" + fileName));
	}

	/** Runs {@code jcmd <pid> <args>}. */
	String jcmd(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(this.javaHome.resolve("bin/jcmd").toString());
		command.add(Long.toString(pid()));
		command.addAll(List.of(args));
		Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
			throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + out);
		}
		return out;
	}

	static String tail(Path log, int lines) {
		try {
			List<String> all = Files.readAllLines(log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

}
