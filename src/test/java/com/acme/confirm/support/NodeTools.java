package com.acme.confirm.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages of {@code src/test/node}, installed from its lock file on first use.
 */
final class NodeTools {

	private static final Path DIRECTORY = locate();

	private NodeTools() {
	}

	static synchronized Path install() throws IOException, InterruptedException {
		if (!Files.isDirectory(DIRECTORY.resolve("node_modules/cognito-local"))) {
			// Not inheritIO: a forked test JVM's stdin and stdout are surefire's channel,
			// and npm on them corrupts it ("std/in stream corrupted").
			Path log = Files.createTempFile("npm-ci", ".log");
			Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIRECTORY.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			npm.getOutputStream().close();
			if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
				throw new IllegalStateException("npm ci failed in " + DIRECTORY + ":\n" + Files.readString(log));
			}
			Files.delete(log);
		}
		return DIRECTORY;
	}

	private static Path locate() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.isRegularFile(directory.resolve("src/test/node/package.json"))) {
			directory = directory.getParent();
		}
		if (directory == null) {
			throw new IllegalStateException("src/test/node/package.json not found above the working directory");
		}
		return directory.resolve("src/test/node");
	}

}
