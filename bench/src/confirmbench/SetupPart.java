package confirmbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import software.amazon.awssdk.core.util.VersionInfo;

/**
 * The setup section, on every run: the machine, how the service and the callers run, what
 * each stand-in costs by itself, and the floor the contract sets on the added latency.
 */
final class SetupPart {

	private final Bench bench;

	private final Config config;

	private final Report report;

	SetupPart(Bench bench) {
		this.bench = bench;
		this.config = bench.config;
		this.report = bench.report;
	}

	void run(List<String> standIns) throws Exception {
		this.report.add("### Setup");
		this.report.add("");
		String cpuModel = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((l) -> l.startsWith("model name"))
			.findFirst()
			.map((l) -> l.substring(l.indexOf(':') + 1).strip())
			.orElse("?");
		this.report.add("- machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel + "), "
				+ Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ") + ", load average at "
				+ "the start " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		this.report.add("- service: `" + this.config.javaHome.resolve("bin/java") + " -jar "
				+ this.config.jar.getFileName() + "` (" + javaVersion() + ", virtual threads on), `JAVA_TOOL_OPTIONS="
				+ this.config.toolOptions() + "` (the image's, with the chart's 1 GiB limit as -XX:MaxRAM); log level "
				+ this.config.logLevel() + " with " + this.config.logFormat().toUpperCase(Locale.ROOT)
				+ " JSON console lines as the chart sets (one audit line per call), stdout to a file; retention purge "
				+ "off; audit on " + this.bench.sql.version() + " at " + this.config.pgUrl + ", schema `"
				+ this.config.schema + "`");
		this.report.add("- driver JVM (" + System.getProperty("java.version") + "): callers, Cognito stand-in and "
				+ "OAuth2 server (mock-oauth2-server 6.0.2, RS256 tokens); callers use Apache HttpClient 5 (classic, "
				+ "pooled, keep-alive) towards the service and the AWS SDK (" + VersionInfo.SDK_VERSION
				+ ", apache5 client with the service's timeouts, retry strategy and pool of 50) directly");
		this.report.add("- one call = AdminGetUser + AdminConfirmSignUp (direct), or `POST " + Bench.CONFIRM_PATH
				+ "` (service: JWT check, the same 2 Cognito calls, 2 audit writes, 1 audit log line); closed loop, "
				+ this.config.seconds.toMillis() + " ms measured per segment after 1 s unrecorded, direct and service "
				+ "segments alternated");
		// What a stand-in costs by itself: a bare HTTP round trip, and what it sustains.
		for (String kind : List.of(StandIn.WIREMOCK, StandIn.JDK)) {
			try (StandIn s = StandIn.start(kind, 0)) {
				Load.Call raw = bareRoundTrip(s);
				Load.run("stand-in", 16, Duration.ZERO, Duration.ofSeconds(3), raw);
				Load.Result one = Load.run("stand-in", 1, Duration.ofSeconds(1), Duration.ofSeconds(2), raw);
				Load.Result many = Load.run("stand-in", 16, Duration.ofSeconds(1), Duration.ofSeconds(2), raw);
				this.report.add(String.format(Locale.ROOT,
						"- stand-in `%s` = %s: a bare HTTP round trip p50 %.3f ms / p99 %.3f ms at 1 caller, %.0f "
								+ "requests/s at 16 callers (a confirm call makes two)%s",
						kind, s.kind(), one.p50Ms(), one.p99Ms(), many.throughput(),
						standIns.contains(kind) ? "" : " (not used in this run)"));
			}
		}
		floor();
	}

	/** One HTTP round trip to a stand-in, nothing else. */
	private Load.Call bareRoundTrip(StandIn s) {
		String url = s.url() + "/";
		return (caller, seq) -> {
			HttpPost post = new HttpPost(url);
			post.setHeader("X-Amz-Target", StandIn.TARGET + "AdminGetUser");
			post.setEntity(new StringEntity("{\"UserPoolId\":\"" + Bench.POOL + "\",\"Username\":\"u" + seq + "\"}",
					ContentType.create(StandIn.CONTENT_TYPE)));
			this.bench.http.expect(post, 200);
		};
	}

	/**
	 * The least a service that keeps the contract can add to a confirm call here, at 1
	 * caller: the extra HTTP hop (a bare round trip to the cheaper stand-in) and two
	 * durable commits (the PENDING row before Cognito is called, the completion after
	 * it), each a single autocommit INSERT of a small row into a table without secondary
	 * indexes, from this JVM over pgjdbc. No JWT check, no JSON, no hash chain: a lower
	 * bound.
	 */
	private void floor() throws Exception {
		Sql sql = this.bench.sql;
		String table = this.config.schema + "_floor.probe";
		sql.execute("DROP SCHEMA IF EXISTS " + this.config.schema + "_floor CASCADE");
		sql.execute("CREATE SCHEMA " + this.config.schema + "_floor");
		sql.execute("CREATE TABLE " + table + " (id uuid PRIMARY KEY, at timestamptz NOT NULL, outcome text NOT NULL)");
		try (StandIn s = StandIn.start(StandIn.JDK, 0);
				Connection c = sql.connect();
				PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
			Load.Call commit = (caller, seq) -> {
				insert.setObject(1, UUID.randomUUID());
				insert.setObject(2, OffsetDateTime.now());
				insert.setString(3, "PENDING");
				insert.executeUpdate();
			};
			Load.Call hop = bareRoundTrip(s);
			Load.Call floor = (caller, seq) -> {
				commit.run(caller, seq);
				hop.run(caller, seq);
				commit.run(caller, seq);
			};
			Load.run("floor", 1, Duration.ZERO, Duration.ofSeconds(3), floor);
			Load.Result commits = Load.run("commit", 1, Duration.ofSeconds(1), this.config.seconds, commit);
			Load.Result floors = Load.run("floor", 1, Duration.ofSeconds(1), this.config.seconds, floor);
			this.report.add(String.format(Locale.ROOT,
					"- the floor of the added latency at 1 caller (what the contract costs with no work at all): "
							+ "one durable commit of a small row from this JVM (pgjdbc, autocommit INSERT, "
							+ "synchronous_commit %s) p50 %.3f ms / p99 %.3f ms; two of them around a bare HTTP "
							+ "round trip to the `jdk` stand-in (the service's extra hop) p50 %.3f ms / p99 %.3f ms, "
							+ "against the targets' added p50 1 ms / p99 3 ms",
					sql.querySingle("SHOW synchronous_commit"), commits.p50Ms(), commits.p99Ms(), floors.p50Ms(),
					floors.p99Ms()));
		}
		finally {
			sql.execute("DROP SCHEMA IF EXISTS " + this.config.schema + "_floor CASCADE");
		}
	}

	private String javaVersion() throws IOException, InterruptedException {
		String out = Processes.run(List.of(this.config.javaHome.resolve("bin/java").toString(), "-version"),
				Duration.ofSeconds(30));
		return out.lines().filter((l) -> l.contains("Runtime Environment")).findFirst().orElse("?").strip();
	}

}
