package confirmbench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The benchmark of issue 7. One JVM runs the Cognito stand-in, the OAuth2 server
 * (mock-oauth2-server) and the callers; the service runs as a child process on the same
 * machine, as the image runs it. Prints a Markdown results section on stdout, progress on
 * stderr. Configuration: BENCH_* environment variables, described in bench/run.sh.
 */
public final class Main {

	static final String POOL = "us-east-1_Bench1";

	static final String CONFIRM_PATH = "/api/v1/user-pools/" + POOL + "/admin-confirm-sign-up";

	private static final String WIREMOCK = "wiremock";

	private static final String JDK = "jdk";

	private final Map<String, String> cfg;

	private final Path work;

	private final Path javaHome;

	private final Path jar;

	private final String schema;

	private final String pgUrl;

	private final String pgUser;

	private final Duration seconds;

	/** The results, also appended to BENCH_WORK/results.partial.md as they come. */
	private final List<String> md = new ArrayList<>() {

		@Override
		public boolean add(String line) {
			try {
				Files.writeString(Main.this.work.resolve("results.partial.md"), line + "\n",
						java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				// the list is what counts
			}
			return super.add(line);
		}

		@Override
		public boolean addAll(java.util.Collection<? extends String> lines) {
			lines.forEach(this::add);
			return !lines.isEmpty();
		}

	};

	private StandIn standIn;

	private String issuer;

	private String adminToken;

	private String auditorToken;

	private CloseableHttpClient http;

	private CognitoIdentityProviderClient sdk;

	private SdkHttpClient sdkHttp;

	private Cpu cpu;

	private Main(Map<String, String> cfg) {
		this.cfg = cfg;
		this.work = Path.of(req("BENCH_WORK"));
		this.javaHome = Path.of(opt("BENCH_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"));
		this.jar = Path.of(req("BENCH_JAR")).toAbsolutePath();
		this.schema = opt("BENCH_SCHEMA", "bench_confirm");
		this.pgUrl = opt("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
		this.pgUser = opt("BENCH_PG_USER", "postgres");
		this.seconds = Duration.ofMillis((long) (Double.parseDouble(opt("BENCH_SECONDS", "5")) * 1000));
	}

	public static void main(String[] args) throws Exception {
		// before com.sun.net.httpserver reads it
		System.setProperty("sun.net.httpserver.nodelay", "true");
		Main main = new Main(System.getenv());
		int status = 0;
		try {
			main.run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			main.md.add("");
			main.md.add("**The benchmark failed:** `" + ex + "` (logs in " + main.work + ")");
			status = 1;
		}
		System.out.println(String.join("\n", main.md));
		System.out.flush();
		System.exit(status);
	}

	private void run() throws Exception {
		List<String> parts = List.of(opt("BENCH_PARTS", "latency,growth,anchor,startup").split(","));
		List<String> standIns = List.of(opt("BENCH_STAND_IN", WIREMOCK + "," + JDK).split(","));
		Files.createDirectories(this.work);
		try (var old = Files.list(this.work)) {
			for (Path f : old
				.filter((f) -> f.toString().endsWith(".log") || f.toString().endsWith(".jfr")
						|| f.getFileName().toString().equals("results.partial.md"))
				.toList()) {
				Files.delete(f);
			}
		}
		Files.writeString(this.work.resolve("bench-application.yaml"), """
				confirm:
				  security:
				    audience: cognito-confirm-service
				    audit-reader-roles: [auditor]
				  user-pools:
				    bench:
				      id: %s
				      grants:
				        user-admin: [ADMIN_CONFIRM]
				""".formatted(POOL));
		sql("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
		MockOAuth2Server oauth = new MockOAuth2Server();
		oauth.start();
		this.issuer = oauth.issuerUrl("default").toString();
		this.adminToken = oauth
			.issueToken("default", "bench-admin", "cognito-confirm-service", Map.of("roles", List.of("user-admin")),
					3600)
			.serialize();
		this.auditorToken = oauth
			.issueToken("default", "bench-auditor", "cognito-confirm-service", Map.of("roles", List.of("auditor")),
					3600)
			.serialize();
		this.cpu = new Cpu(() -> {
			try {
				return db();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		this.http = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(512)
				.setMaxConnPerRoute(512)
				.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(60)).build())
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableContentCompression()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableConnectionState()
			.build();
		List<String> deferred = new ArrayList<>();
		try {
			setup(standIns);
			this.standIn = StandIn.start(standIns.get(0), 0);
			// The same client configuration as the service's CognitoConfiguration and
			// CognitoClients (defaults of confirm.cognito.*).
			this.sdkHttp = Apache5HttpClient.builder()
				.connectionTimeout(Duration.ofSeconds(2))
				.socketTimeout(Duration.ofSeconds(2))
				.maxConnections(50)
				.connectionAcquisitionTimeout(Duration.ofSeconds(2))
				.build();
			this.sdk = CognitoIdentityProviderClient.builder()
				.region(Region.US_EAST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
				.httpClient(this.sdkHttp)
				.endpointOverride(URI.create(this.standIn.url()))
				.overrideConfiguration((c) -> c.apiCallTimeout(Duration.ofSeconds(5))
					.apiCallAttemptTimeout(Duration.ofSeconds(2))
					.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3).build()))
				.build();
			if (parts.contains("latency") || parts.contains("growth")) {
				try (Service service = startService("service", 100000, this.work.resolve("service.log"))) {
					if (parts.contains("latency")) {
						latency(service, standIns);
					}
					if (parts.contains("growth")) {
						// measured with the warm service, printed last (part 4)
						int from = this.md.size();
						growth(service);
						deferred.addAll(this.md.subList(from, this.md.size()));
						this.md.subList(from, this.md.size()).clear();
					}
				}
			}
			if (parts.contains("ab")) {
				ab();
			}
			if (parts.contains("anchor")) {
				anchor();
			}
			if (parts.contains("startup")) {
				startup();
			}
			this.md.addAll(deferred);
		}
		finally {
			if (this.sdk != null) {
				this.sdk.close();
			}
			this.http.close();
			if (this.standIn != null) {
				this.standIn.close();
			}
			oauth.shutdown();
			if (opt("BENCH_KEEP_SCHEMA", "").isEmpty()) {
				sql("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
				// the one bench/run.sh gives .ci/start-path
				sql("DROP SCHEMA IF EXISTS " + this.schema + "_sp CASCADE");
			}
		}
	}

	// ---- setup ----------------------------------------------------------------------------------

	private void setup(List<String> standIns) throws Exception {
		md.add("### Setup");
		md.add("");
		String cpuModel = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((l) -> l.startsWith("model name"))
			.findFirst()
			.map((l) -> l.substring(l.indexOf(':') + 1).strip())
			.orElse("?");
		md.add("- machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel + "), "
				+ Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ") + ", load average at "
				+ "the start " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		md.add("- service: `" + this.javaHome.resolve("bin/java") + " -jar " + this.jar.getFileName() + "` ("
				+ javaVersion() + ", virtual threads on), `JAVA_TOOL_OPTIONS=" + toolOptions()
				+ "` (the image's, with the chart's 1 GiB limit as -XX:MaxRAM); log level "
				+ opt("BENCH_LOG_LEVEL", "INFO") + " with " + opt("BENCH_LOG_FORMAT", "ecs").toUpperCase(Locale.ROOT)
				+ " JSON console lines as the chart sets (one audit line per call), stdout to a file; retention purge "
				+ "off; audit on " + pgVersion() + " at " + this.pgUrl + ", schema `" + this.schema + "`");
		md.add("- driver JVM (" + System.getProperty("java.version") + "): callers, Cognito stand-in and OAuth2 server "
				+ "(mock-oauth2-server 6.0.2, RS256 tokens); callers use Apache HttpClient 5 (classic, pooled, "
				+ "keep-alive) towards the service and the AWS SDK (" + VersionInfo.SDK_VERSION
				+ ", apache5 client with the service's timeouts, retry strategy and pool of 50) directly");
		md.add("- one call = AdminGetUser + AdminConfirmSignUp (direct), or `POST " + CONFIRM_PATH
				+ "` (service: JWT check, the same 2 Cognito calls, 2 audit writes, 1 audit log line); closed loop, "
				+ this.seconds.toMillis() + " ms measured per segment after 1 s unrecorded, direct and service "
				+ "segments alternated");
		// What a stand-in costs by itself: a bare HTTP round trip, and what it sustains.
		for (String kind : List.of(WIREMOCK, JDK)) {
			try (StandIn s = StandIn.start(kind, 0)) {
				Load.Call raw = bareRoundTrip(s);
				Load.run("stand-in", 16, Duration.ZERO, Duration.ofSeconds(3), raw);
				Load.Result one = Load.run("stand-in", 1, Duration.ofSeconds(1), Duration.ofSeconds(2), raw);
				Load.Result many = Load.run("stand-in", 16, Duration.ofSeconds(1), Duration.ofSeconds(2), raw);
				md.add(String.format(Locale.ROOT,
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
			post.setEntity(new StringEntity("{\"UserPoolId\":\"" + POOL + "\",\"Username\":\"u" + seq + "\"}",
					ContentType.create(StandIn.CONTENT_TYPE)));
			expect(post, 200);
		};
	}

	/**
	 * The least a service that keeps the contract can add to a confirm call here, at 1
	 * caller: the extra HTTP hop (a bare round trip to the cheaper stand-in) and two durable
	 * commits (the PENDING row before Cognito is called, the completion after it), each a
	 * single autocommit INSERT of a small row into a table without secondary indexes, from
	 * this JVM over pgjdbc. No JWT check, no JSON, no hash chain: a lower bound.
	 */
	private void floor() throws Exception {
		String table = this.schema + "_floor.probe";
		sql("DROP SCHEMA IF EXISTS " + this.schema + "_floor CASCADE");
		sql("CREATE SCHEMA " + this.schema + "_floor");
		sql("CREATE TABLE " + table + " (id uuid PRIMARY KEY, at timestamptz NOT NULL, outcome text NOT NULL)");
		try (StandIn s = StandIn.start(JDK, 0); Connection c = db();
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
			Load.Result commits = Load.run("commit", 1, Duration.ofSeconds(1), this.seconds, commit);
			Load.Result floors = Load.run("floor", 1, Duration.ofSeconds(1), this.seconds, floor);
			md.add(String.format(Locale.ROOT,
					"- the floor of the added latency at 1 caller (what the contract costs with no work at all): "
							+ "one durable commit of a small row from this JVM (pgjdbc, autocommit INSERT, "
							+ "synchronous_commit %s) p50 %.3f ms / p99 %.3f ms; two of them around a bare HTTP "
							+ "round trip to the `jdk` stand-in (the service's extra hop) p50 %.3f ms / p99 %.3f ms, "
							+ "against the targets' added p50 1 ms / p99 3 ms",
					querySingle("SHOW synchronous_commit"), commits.p50Ms(), commits.p99Ms(), floors.p50Ms(),
					floors.p99Ms()));
		}
		finally {
			sql("DROP SCHEMA IF EXISTS " + this.schema + "_floor CASCADE");
		}
	}

	// ---- part 1: added latency -------------------------------------------------------------------

	private Load.Call direct() {
		return (caller, seq) -> {
			String username = "u" + seq;
			this.sdk.adminGetUser((r) -> r.userPoolId(POOL).username(username));
			this.sdk.adminConfirmSignUp((r) -> r.userPoolId(POOL).username(username));
		};
	}

	private Load.Call viaService(Service service) {
		String url = "http://127.0.0.1:" + service.port + CONFIRM_PATH;
		String bearer = "Bearer " + this.adminToken;
		return (caller, seq) -> {
			HttpPost post = new HttpPost(url);
			post.setHeader("Authorization", bearer);
			post.setEntity(new StringEntity("{\"username\":\"u" + seq + "\"}", ContentType.APPLICATION_JSON));
			expect(post, 200);
		};
	}

	private void latency(Service service, List<String> standIns) throws Exception {
		md.add("");
		md.add("### 1. Added latency: service vs direct AWS SDK, same stand-in, one run");
		md.add("");
		checkOnce(service);
		warmUp(service);
		for (int i = 0; i < standIns.size(); i++) {
			String kind = standIns.get(i);
			if (i > 0) {
				// the same warm service, its Cognito endpoint now answered by the other kind
				this.standIn = this.standIn.switchTo(kind);
				awaitClosedCircuit(service);
				Load.run("reconnect", 16, Duration.ZERO, Duration.ofSeconds(3), viaService(service));
				Load.run("reconnect", 16, Duration.ZERO, Duration.ofSeconds(1), direct());
				checkOnce(service);
			}
			md.add("");
			md.add("**Stand-in `" + kind + "`** (" + this.standIn.kind() + ")" + ((i == 0)
					? ": the reference of the issue's targets (direct SDK about 800 ops/s at 1 caller)."
					: ": a cheaper stand-in, so that the service's own cost weighs more."));
			md.add("");
			latencyTable(service, kind, (i == 0) ? Integer.parseInt(opt("BENCH_ROUNDS", "2"))
					: Integer.parseInt(opt("BENCH_ROUNDS_OTHER", "1")));
		}
		verifyChain(service);
		if (!opt("BENCH_PROFILE", "1").equals("0")) {
			profile(service);
		}
	}

	/** The audit hash chain after the load: every completion appended once, in order. */
	private void verifyChain(Service service) throws Exception {
		HttpGet get = new HttpGet("http://127.0.0.1:" + service.port + "/api/v1/audit-events/verification");
		get.setHeader("Authorization", "Bearer " + this.auditorToken);
		String verification = body(get, 200);
		md.add("");
		md.add("Audit hash chain after these measurements (`GET /api/v1/audit-events/verification`): `"
				+ verification + "`");
		if (!verification.contains("\"valid\":true")) {
			throw new IllegalStateException("the audit chain does not verify: " + verification);
		}
	}

	/**
	 * The calls cut off by the switch of stand-ins may have opened the service's circuit
	 * breaker (30 s open, then a few trial calls): waits until a confirm goes through.
	 */
	private void awaitClosedCircuit(Service service) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (true) {
			try {
				checkOnce(service);
				return;
			}
			catch (IOException ex) {
				if (!ex.getMessage().contains("COGNITO_UNAVAILABLE") || System.nanoTime() > deadline) {
					throw ex;
				}
				progress("waiting for the service's circuit breaker to close after the switch of stand-ins");
				Thread.sleep(2000);
			}
		}
	}

	private void checkOnce(Service service) throws Exception {
		long g0 = this.standIn.getUser.get();
		long k0 = this.standIn.confirm.get();
		HttpPost post = new HttpPost("http://127.0.0.1:" + service.port + CONFIRM_PATH);
		post.setHeader("Authorization", "Bearer " + this.adminToken);
		post.setEntity(new StringEntity("{\"username\":\"check-1\"}", ContentType.APPLICATION_JSON));
		String answer = body(post, 200);
		if (!answer.contains("\"outcome\":\"CONFIRMED\"")) {
			throw new IllegalStateException("unexpected answer: " + answer);
		}
		direct().run(0, 0);
		if (this.standIn instanceof StandIn.JdkStandIn
				&& (this.standIn.getUser.get() - g0 != 2 || this.standIn.confirm.get() - k0 != 2)) {
			throw new IllegalStateException("the stand-in did not see 2 AdminGetUser + 2 AdminConfirmSignUp");
		}
	}

	/**
	 * Until the service's JIT compilers have (nearly) finished: 10 s steps at 16 callers
	 * until the compiler threads use less than 5% of the service's CPU, between
	 * BENCH_WARMUP_MIN and BENCH_WARMUP_MAX seconds.
	 */
	private void warmUp(Service service) throws Exception {
		int min = Integer.parseInt(opt("BENCH_WARMUP_MIN", "40"));
		int max = Integer.parseInt(opt("BENCH_WARMUP_MAX", "120"));
		int elapsed = 0;
		long calls = 0;
		double jitShare = 1;
		while (elapsed < max && (elapsed < min || jitShare > 0.05)) {
			Cpu.Sample c0 = this.cpu.sample(service.pid());
			Load.Result r = Load.run("warm-up", 16, Duration.ZERO, Duration.ofSeconds(10), viaService(service));
			Cpu.Sample d = this.cpu.sample(service.pid()).minus(c0);
			calls += r.allCalls();
			elapsed += 10;
			jitShare = d.jit() / Math.max(d.service(), 1e-9);
			progress(String.format(Locale.ROOT, "warm-up: %d s, %d calls, %.0f ops/s, JIT %.0f%% of the service's CPU",
					elapsed, calls, r.throughput(), 100 * jitShare));
		}
		Load.run("warm-direct", 16, Duration.ZERO, Duration.ofSeconds(5), direct());
		md.add(String.format(Locale.ROOT,
				"Warm-up: %d s at 16 callers (%,d calls) until the JIT compiler threads used %.0f%% of the service's CPU "
						+ "(C2 needs about a minute of CPU to compile this service's hot code), then 5 s direct.",
				elapsed, calls, 100 * jitShare));
	}

	private void latencyTable(Service service, String kind, int rounds) throws Exception {
		md.add("| callers | direct SDK p50 / p99 | service p50 / p99 | **added p50** | **added p99** | direct ops/s "
				+ "| service ops/s | **service / direct** | target | CPU ms/call direct (driver) | CPU ms/call service: "
				+ "driver + service + PG | service JIT, GC ms/call | service RSS after |");
		md.add("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
		for (String l : opt("BENCH_LEVELS", "1,16,64").split(",")) {
			int callers = Integer.parseInt(l.strip());
			List<Load.Result> d = new ArrayList<>();
			List<Load.Result> s = new ArrayList<>();
			Cpu.Sample dCpu = Cpu.Sample.ZERO;
			Cpu.Sample sCpu = Cpu.Sample.ZERO;
			for (int r = 0; r < rounds; r++) {
				progress("latency (" + kind + "): " + callers + " callers, round " + (r + 1) + "/" + rounds);
				Cpu.Sample c0 = this.cpu.sample(service.pid());
				d.add(Load.run("direct", callers, Duration.ofSeconds(1), this.seconds, direct()));
				Cpu.Sample c1 = this.cpu.sample(service.pid());
				s.add(Load.run("service", callers, Duration.ofSeconds(1), this.seconds, viaService(service)));
				Cpu.Sample c2 = this.cpu.sample(service.pid());
				dCpu = dCpu.plus(c1.minus(c0));
				sCpu = sCpu.plus(c2.minus(c1));
			}
			Load.Result dr = Load.Result.merge(d);
			Load.Result sr = Load.Result.merge(s);
			double addedP50 = sr.p50Ms() - dr.p50Ms();
			double addedP99 = sr.p99Ms() - dr.p99Ms();
			double ratio = sr.throughput() / dr.throughput();
			String target = (callers == 1)
					? ((addedP50 <= 1.0 ? "p50 ≤ 1 ms ✅" : "p50 ≤ 1 ms ❌") + ", "
							+ (addedP99 <= 3.0 ? "p99 ≤ 3 ms ✅" : "p99 ≤ 3 ms ❌"))
					: (ratio >= 0.5 ? "≥ 0.5 ✅" : "≥ 0.5 ❌");
			double n = sr.allCalls();
			md.add(String.format(Locale.ROOT,
					"| %d | %.2f / %.2f ms | %.2f / %.2f ms | %+.2f ms | %+.2f ms | %.0f | %.0f | %.2f | %s | %.2f | "
							+ "%.2f = %.2f + %.2f + %.2f | %.2f, %.2f | %.0f MiB |",
					callers, dr.p50Ms(), dr.p99Ms(), sr.p50Ms(), sr.p99Ms(), addedP50, addedP99, dr.throughput(),
					sr.throughput(), ratio, target, 1000 * dCpu.driver() / dr.allCalls(),
					1000 * (sCpu.driver() + sCpu.service() + sCpu.postgres()) / n, 1000 * sCpu.driver() / n,
					1000 * sCpu.service() / n, 1000 * sCpu.postgres() / n, 1000 * sCpu.jit() / n,
					1000 * sCpu.gc() / n, service.rssKb() / 1024.0));
			if (dr.errors() + sr.errors() > 0) {
				md.add("| | errors: direct " + dr.errors() + " (" + dr.firstError() + "), service " + sr.errors() + " ("
						+ sr.firstError() + ") | | | | | | | | | | | |");
			}
		}
		md.add("");
		md.add("Added = service percentile − direct percentile in the same run. CPU per call = user + system time of "
				+ "the driver JVM (callers and stand-in), the service JVM and the PostgreSQL backends of the "
				+ "service's connections, over the segments, divided by the calls made in them.");
	}

	private void profile(Service service) throws Exception {
		md.add("");
		md.add("#### Where the service's time goes (JFR, separate segments after the tables)");
		Path jfc = this.work.resolve("bench.jfc");
		run(List.of(this.javaHome.resolve("bin/jfr").toString(), "configure", "--input", "profile",
				"jdk.ExecutionSample#period=5ms", "jdk.JavaExceptionThrow#enabled=true",
				"jdk.JavaExceptionThrow#throttle=off", "--output", jfc.toString()),
				Duration.ofSeconds(60));
		for (int callers : new int[] { 1, 16 }) {
			Path recording = this.work.resolve("service-" + callers + ".jfr");
			progress("profile: JFR on the service at " + callers + " callers");
			service.jcmd("JFR.start", "name=bench" + callers, "settings=" + jfc);
			Cpu.Sample c0 = this.cpu.sample(service.pid());
			Load.Result r = Load.run("profile", callers, Duration.ZERO, this.seconds, viaService(service));
			Cpu.Sample c = this.cpu.sample(service.pid()).minus(c0);
			service.jcmd("JFR.stop", "name=bench" + callers, "filename=" + recording);
			md.add("");
			md.add(String.format(Locale.ROOT,
					"**%d caller(s)**: %,d calls, %.0f ops/s, p50 %.2f ms while recording (`%s`); CPU per call: "
							+ "service %.2f ms, its PostgreSQL backends %.2f ms.",
					callers, r.allCalls(), r.throughput(), r.p50Ms(), recording, 1000 * c.service() / r.allCalls(),
					1000 * c.postgres() / r.allCalls()));
			md.add("");
			md.addAll(Profile.summarise(recording, r.allCalls(), callers == 1 ? 0 : 20));
		}
	}

	// ---- A/B: variants of the service against the current one -----------------------------------

	/**
	 * Not part of the default run. Compares the service (BENCH_JAR) with variants given as
	 * {@code BENCH_AB="label|jar|K=V,K=V;label|jar|K=V"} (an empty jar is BENCH_JAR): all
	 * running and warmed up, their segments interleaved with the direct SDK's so that a busy
	 * machine affects them alike.
	 */
	private void ab() throws Exception {
		record Variant(String label, Path jar, String env) {
		}
		List<Variant> variants = new ArrayList<>();
		variants.add(new Variant("A (as is)", this.jar, ""));
		for (String v : opt("BENCH_AB", "").split(";")) {
			if (v.isBlank()) {
				continue;
			}
			String[] f = (v + "||").split("\\|", -1);
			variants.add(new Variant(f[0].strip(), f[1].isBlank() ? this.jar : Path.of(f[1].strip()).toAbsolutePath(),
					f[2].strip()));
		}
		md.add("");
		md.add("### A/B");
		md.add("");
		variants.forEach((v) -> md.add("- " + v.label() + ": `" + v.jar() + "`" + (v.env().isEmpty() ? "" : " with `"
				+ v.env() + "`")));
		List<Service> services = new ArrayList<>();
		try {
			for (Variant v : variants) {
				progress("A/B: starting " + v.label());
				services.add(Service.start(v.label(), this.javaHome, v.jar().getParent(),
						List.of("-XX:FlightRecorderOptions:stackdepth=384", "-jar", v.jar().toString()),
						withEnv(serviceEnv(100000), v.env()), port(),
						this.work.resolve("service-" + v.label().replaceAll("[^A-Za-z0-9]+", "-") + ".log"),
						Duration.ofSeconds(180)));
			}
			for (Service s : services) {
				warmUp(s);
			}
			md.add("");
			md.add("| callers | variant | p50 / p99 | ops/s | CPU ms/call: service, PG | RSS |");
			md.add("|---:|---|---:|---:|---:|---:|");
			int rounds = Integer.parseInt(opt("BENCH_ROUNDS", "2"));
			for (String l : opt("BENCH_LEVELS", "1,16,64").split(",")) {
				int callers = Integer.parseInt(l.strip());
				List<Load.Result> d = new ArrayList<>();
				List<List<Load.Result>> results = new ArrayList<>();
				List<Cpu.Sample> cpus = new ArrayList<>();
				services.forEach((s) -> {
					results.add(new ArrayList<>());
					cpus.add(Cpu.Sample.ZERO);
				});
				for (int r = 0; r < rounds; r++) {
					progress("A/B: " + callers + " callers, round " + (r + 1) + "/" + rounds);
					d.add(Load.run("direct", callers, Duration.ofSeconds(1), this.seconds, direct()));
					for (int i = 0; i < services.size(); i++) {
						Service s = services.get(i);
						Cpu.Sample c0 = this.cpu.sample(s.pid());
						results.get(i).add(Load.run("v", callers, Duration.ofSeconds(1), this.seconds, viaService(s)));
						cpus.set(i, cpus.get(i).plus(this.cpu.sample(s.pid()).minus(c0)));
					}
				}
				Load.Result dr = Load.Result.merge(d);
				md.add(String.format(Locale.ROOT, "| %d | direct SDK | %.2f / %.2f ms | %.0f | | |", callers, dr.p50Ms(),
						dr.p99Ms(), dr.throughput()));
				for (int i = 0; i < services.size(); i++) {
					Load.Result r = Load.Result.merge(results.get(i));
					Cpu.Sample c = cpus.get(i);
					md.add(String.format(Locale.ROOT, "| %d | %s | %.2f / %.2f ms | %.0f | %.2f, %.2f | %.0f MiB |%s",
							callers, variants.get(i).label(), r.p50Ms(), r.p99Ms(), r.throughput(),
							1000 * c.service() / r.allCalls(), 1000 * c.postgres() / r.allCalls(),
							services.get(i).rssKb() / 1024.0,
							(r.errors() > 0) ? " errors " + r.errors() + ": " + r.firstError() : ""));
				}
			}
		}
		finally {
			for (Service s : services) {
				s.close();
			}
		}
	}

	// ---- part 2: support-staff anchor ------------------------------------------------------------

	private void anchor() throws Exception {
		md.add("");
		md.add("### 2. Support-staff anchor: confirming 1,000 users");
		md.add("");
		String cli = opt("BENCH_CLI", "/usr/bin/aws");
		int cliCalls = Integer.parseInt(opt("BENCH_CLI_CALLS", "30"));
		String cliVersion = run(List.of(cli, "--version"), Duration.ofSeconds(60)).strip().split(" ")[0];
		List<Double> times = new ArrayList<>();
		progress("anchor: " + cliCalls + " AWS CLI calls");
		for (int i = 0; i < cliCalls; i++) {
			long t0 = System.nanoTime();
			run(List.of(cli, "cognito-idp", "admin-confirm-sign-up", "--user-pool-id", POOL, "--username", "cli-" + i,
					"--endpoint-url", this.standIn.url(), "--region", "us-east-1", "--output", "json"),
					Duration.ofSeconds(60));
			times.add((System.nanoTime() - t0) / 1e9);
		}
		double mean = times.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int users = Integer.parseInt(opt("BENCH_USERS", "1000"));
		double budget = Double.parseDouble(opt("BENCH_BUDGET", "50"));
		progress("anchor: " + users + " users through the batch endpoint at " + budget + "/s");
		double batchSeconds;
		int confirmed = 0;
		double ready;
		try (Service service = startService("batch", budget, this.work.resolve("service-batch.log"))) {
			ready = service.readySeconds;
			String url = "http://127.0.0.1:" + service.port + CONFIRM_PATH + "/batch";
			long t0 = System.nanoTime();
			for (int b = 0; b * 100 < users; b++) {
				int from = b * 100;
				String names = IntStream.range(from, Math.min(users, from + 100))
					.mapToObj((i) -> "\"batch-" + i + "\"")
					.collect(Collectors.joining(","));
				HttpPost post = new HttpPost(url);
				post.setHeader("Authorization", "Bearer " + this.adminToken);
				post.setEntity(new StringEntity("{\"usernames\":[" + names + "],\"reason\":\"bench\"}",
						ContentType.APPLICATION_JSON));
				String answer = body(post, 200);
				confirmed += answer.split("\"outcome\":\"CONFIRMED\"", -1).length - 1;
			}
			batchSeconds = (System.nanoTime() - t0) / 1e9;
		}
		double floor = users / (budget * 0.97);
		md.add("| way | 1,000 users | per user | how measured |");
		md.add("|---|---:|---:|---|");
		md.add(String.format(Locale.ROOT,
				"| `aws cognito-idp admin-confirm-sign-up` in a shell loop (%s, `/usr/bin/aws`) | ≈ %.0f s (%.1f min) "
						+ "| %.2f s (p50 %.2f, max %.2f) | %d sequential calls against the stand-in, extrapolated ×%.1f |",
				cliVersion, mean * users, mean * users / 60, mean, sorted[sorted.length / 2], sorted[sorted.length - 1],
				cliCalls, (double) users / cliCalls));
		md.add(String.format(Locale.ROOT,
				"| `POST …/admin-confirm-sign-up/batch`, 100 usernames per request, budget %.0f/s | %.1f s | %.1f ms | "
						+ "measured: %d requests in sequence, %d/%d CONFIRMED; the budget alone takes %.1f s (97%% of "
						+ "%.0f/s) |",
				budget, batchSeconds, batchSeconds * 1000 / users, (users + 99) / 100, confirmed, users, floor, budget));
		md.add("");
		md.add(String.format(Locale.ROOT,
				"The batch endpoint is %.0f× faster than the CLI loop and %.1f%% slower than its budget allows; the CLI "
						+ "call's time is the CLI itself (Python start-up, botocore), the stand-in answers in well under a "
						+ "millisecond. The service for this part started in %.1f s.",
				mean * users / batchSeconds, 100 * (batchSeconds / floor - 1), ready));
	}

	// ---- part 3: start-up and memory --------------------------------------------------------------

	private void startup() throws Exception {
		md.add("");
		md.add("### 3. Start-up to readiness and RSS after a load run (JDK 25, the image's layout and flags, real "
				+ "environment)");
		md.add("");
		String startDir = opt("BENCH_START_DIR", "");
		if (startDir.isEmpty()) {
			md.add("Skipped: BENCH_START_DIR (the kept work directory of .ci/start-path) is not set.");
			return;
		}
		Path image = Path.of(startDir, "image" + opt("BENCH_START_WORKDIR", "/application"));
		List<String> entry = List
			.of(opt("BENCH_START_ENTRY", "-XX:AOTCache=app.aot -jar application.jar").split(" "));
		String aot = entry.stream()
			.filter((a) -> a.startsWith("-XX:AOTCache="))
			.map((a) -> a.substring("-XX:AOTCache=".length()))
			.findFirst()
			.orElseThrow();
		List<String> extracted = entry.stream().filter((a) -> !a.startsWith("-XX:AOTCache=")).toList();
		Map<String, Object[]> modes = new LinkedHashMap<>();
		modes.put("fat jar", new Object[] { Path.of(startDir, "fat"), List.of("-jar", "app.jar") });
		modes.put("extracted layers", new Object[] { image, extracted });
		modes.put("extracted + AOT cache", new Object[] { image, entry });
		int runs = Integer.parseInt(opt("BENCH_START_RUNS", "3"));
		Map<String, List<Double>> readies = new LinkedHashMap<>();
		Map<String, List<Double>> rssReady = new LinkedHashMap<>();
		Map<String, double[]> after = new HashMap<>();
		for (int r = 1; r <= runs; r++) {
			for (Map.Entry<String, Object[]> mode : modes.entrySet()) {
				progress("start-up: " + mode.getKey() + ", run " + r + "/" + runs);
				@SuppressWarnings("unchecked")
				List<String> args = (List<String>) mode.getValue()[1];
				String logName = "start-" + mode.getKey().replaceAll("[^a-z]+", "-") + ".log";
				try (Service service = Service.start(mode.getKey(), this.javaHome, (Path) mode.getValue()[0], args,
						serviceEnv(100000), port(), this.work.resolve(logName), Duration.ofSeconds(180))) {
					if (mode.getKey().contains("AOT") && !service.maps(aot)) {
						throw new IllegalStateException("the JVM did not map " + aot + ": the AOT cache was rejected");
					}
					readies.computeIfAbsent(mode.getKey(), (k) -> new ArrayList<>()).add(service.readySeconds);
					rssReady.computeIfAbsent(mode.getKey(), (k) -> new ArrayList<>())
						.add(service.rssAtReadyKb / 1024.0);
					if (r == runs) {
						Load.Result load = Load.run("load", 16, Duration.ZERO, this.seconds.multipliedBy(2),
								viaService(service));
						after.put(mode.getKey(), new double[] { service.rssKb() / 1024.0, load.throughput(),
								load.p50Ms(), load.errors() });
						if (!opt("BENCH_MEMORY_DETAIL", "").isEmpty()) {
							// where the memory is (needs -XX:NativeMemoryTracking=summary in
							// BENCH_TOOL_OPTIONS)
							Files.writeString(this.work.resolve(logName.replace(".log", "-memory.txt")),
									Files.readString(Path.of("/proc/" + service.pid() + "/status")) + "\n"
											+ service.jcmd("GC.heap_info") + "\n"
											+ service.jcmd("VM.native_memory", "summary"));
						}
					}
				}
			}
		}
		md.add("| start | ready (median of " + runs + ") | all runs | RSS at ready | RSS after load | the first "
				+ this.seconds.multipliedBy(2).toSeconds() + " s of load at 16 callers | target |");
		md.add("|---|---:|---|---:|---:|---|---|");
		for (String mode : modes.keySet()) {
			double median = median(readies.get(mode));
			double[] a = after.get(mode);
			String rss = (a[0] * 1.048576 <= 300) ? "RSS ≤ 300 MB ✅" : "RSS ≤ 300 MB ❌";
			String target = mode.contains("AOT") ? ((median <= 3.0 ? "ready ≤ 3 s ✅" : "ready ≤ 3 s ❌") + ", " + rss)
					: rss;
			md.add(String.format(Locale.ROOT, "| %s | %.2f s | %s | %.0f MiB | %.0f MiB | %.0f ops/s, p50 %.1f ms%s | %s |",
					mode, median,
					readies.get(mode).stream().map((x) -> String.format(Locale.ROOT, "%.2f", x)).toList(),
					median(rssReady.get(mode)), a[0], a[1], a[2], (a[3] > 0) ? ", " + (long) a[3] + " errors" : "",
					target));
		}
		md.add("");
		md.add("Ready = from starting `java` to `/actuator/health/readiness` answering UP, with the real environment: "
				+ "PostgreSQL reachable, Flyway validating the (already migrated) schema; the JWKS is fetched on the "
				+ "first call. RSS = VmRSS; 300 MB = 286 MiB. The load is cold code (no warm-up): it shows memory "
				+ "after real use, not steady-state speed.");
	}

	// ---- part 4: how cost grows ---------------------------------------------------------------------

	private void growth(Service service) throws Exception {
		md.add("");
		md.add("### 4. How cost grows with the audit table (stand-in `" + (this.standIn instanceof StandIn.JdkStandIn
				? JDK : WIREMOCK) + "`, the same warm service)");
		md.add("");
		List<Long> sizes = Arrays.stream(opt("BENCH_GROWTH", "10000,100000,1000000").split(","))
			.map(String::strip)
			.map(Long::parseLong)
			.toList();
		String auditUrl = "http://127.0.0.1:" + service.port
				+ "/api/v1/audit-events?username=user-4567%40example.com";
		String bearer = "Bearer " + this.auditorToken;
		Load.Call audit = (caller, seq) -> {
			HttpGet get = new HttpGet(auditUrl);
			get.setHeader("Authorization", bearer);
			expect(get, 200);
		};
		// Seeded events lie in the past, one every 3 s up to 40 days ago: the service's
		// own are the newest.
		Instant base = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		sql("TRUNCATE " + this.schema + ".audit_event");
		resetHead();
		long seeded = 0;
		md.add("| rows | seeding | confirm p50 / p99, 1 caller | confirm at 16 callers: ops/s (p50 / p99) | "
				+ "`GET /audit-events?username=` p50 / p99, 1 caller | PG CPU ms per confirm | table + indexes | "
				+ "service RSS |");
		md.add("|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (long size : sizes) {
			progress("growth: seeding to " + size + " rows");
			long t0 = System.nanoTime();
			seed(base, seeded + 1, size);
			sql("VACUUM ANALYZE " + this.schema + ".audit_event");
			double seedSeconds = (System.nanoTime() - t0) / 1e9;
			seeded = size;
			long rows = count();
			progress("growth: measuring at " + rows + " rows");
			Cpu.Sample c0 = this.cpu.sample(service.pid());
			Load.Result c1 = Load.run("confirm", 1, Duration.ofSeconds(1), this.seconds, viaService(service));
			Cpu.Sample pg = this.cpu.sample(service.pid()).minus(c0);
			Load.Result c16 = Load.run("confirm", 16, Duration.ofSeconds(1), this.seconds, viaService(service));
			Load.Result a1 = Load.run("audit", 1, Duration.ofSeconds(1), this.seconds, audit);
			String size2 = querySingle(
					"SELECT pg_size_pretty(pg_total_relation_size('" + this.schema + ".audit_event'))");
			long errors = c1.errors() + c16.errors() + a1.errors();
			md.add(String.format(Locale.ROOT,
					"| %,d | %.0f s | %.2f / %.2f ms | %.0f (%.2f / %.2f ms) | %.2f / %.2f ms | %.2f | %s | %.0f MiB |%s",
					rows, seedSeconds, c1.p50Ms(), c1.p99Ms(), c16.throughput(), c16.p50Ms(), c16.p99Ms(), a1.p50Ms(),
					a1.p99Ms(), 1000 * pg.postgres() / c1.allCalls(), size2, service.rssKb() / 1024.0,
					(errors > 0) ? " errors: " + errors + " (" + c1.firstError() + " / " + c16.firstError() + " / "
							+ a1.firstError() + ")" : ""));
			// the next size exactly: the measurement's own events go
			sql("DELETE FROM " + this.schema + ".audit_event WHERE actor_subject LIKE 'bench-%'");
			resetHead();
		}
		md.add("");
		md.add("Rows seeded like bench/audit-query-plans.sh (20 pools, 200,000 usernames, 300 actors, one event every "
				+ "3 s, 0.1% PENDING, all 8 indexes) plus the service's own from the measurement, deleted before the "
				+ "next size. The GET reads `user-4567@example.com` (1 to 5 events) through the username index.");
	}

	private void seed(Instant base, long from, long to) throws SQLException {
		sql("""
				INSERT INTO %s.audit_event (id, occurred_at, completed_at, action, outcome, error_code, actor_subject,
				    actor_issuer, actor_roles, target_user_pool_id, target_username, client_metadata_keys, correlation_id,
				    duration_ms, chain_seq, prev_hash, hash)
				SELECT gen_random_uuid(),
				       timestamptz '%s' + (i * interval '3 seconds'),
				       CASE WHEN i %% 1000 = 0 THEN NULL ELSE timestamptz '%s' + (i * interval '3 seconds') + interval '80 ms' END,
				       (ARRAY['ADMIN_CONFIRM_SIGN_UP','CONFIRM_SIGN_UP','GET_USER_STATUS'])[1 + i %% 3],
				       CASE WHEN i %% 1000 = 0 THEN 'PENDING' ELSE (ARRAY['CONFIRMED','ALREADY_CONFIRMED','FAILED','DENIED','SUCCEEDED'])[1 + i %% 5] END,
				       NULL,
				       'staff-' || (i %% 300),
				       'https://idp.example.com/realms/acme',
				       '["support-agent"]',
				       'eu-west-1_Pool' || (i %% 20),
				       'user-' || (i %% 200000) || '@example.com',
				       '[]',
				       md5(i::text),
				       80,
				       CASE WHEN i %% 1000 = 0 THEN NULL ELSE -i END,
				       CASE WHEN i %% 1000 = 0 THEN NULL ELSE md5((i - 1)::text) || md5((i - 1)::text) END,
				       CASE WHEN i %% 1000 = 0 THEN NULL ELSE md5(i::text) || md5(i::text) END
				FROM generate_series(%d, %d) AS i
				""".formatted(this.schema, base, base, from, to));
	}

	private void resetHead() throws SQLException {
		sql("UPDATE " + this.schema + ".audit_chain_head SET last_seq = 0, last_hash = '" + "0".repeat(64)
				+ "' WHERE id = 1");
	}

	private long count() throws SQLException {
		return Long.parseLong(querySingle("SELECT count(*) FROM " + this.schema + ".audit_event"));
	}

	// ---- helpers ------------------------------------------------------------------------------------

	private Service startService(String label, double budget, Path log) throws Exception {
		progress("starting the service (" + label + ", budget " + budget + "/s)");
		// deep request stacks: JFR's default of 64 frames would cut them off above the
		// servlet
		return Service.start(label, this.javaHome, this.jar.getParent(),
				List.of("-XX:FlightRecorderOptions:stackdepth=384", "-jar", this.jar.toString()), serviceEnv(budget),
				port(), log, Duration.ofSeconds(180));
	}

	private Map<String, String> serviceEnv(double budget) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("JAVA_TOOL_OPTIONS", toolOptions());
		env.put("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:" + this.work.resolve("bench-application.yaml"));
		env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", this.issuer);
		env.put("CONFIRM_COGNITO_ENDPOINT", this.standIn.url());
		env.put("CONFIRM_COGNITO_MAX_REQUESTS_PER_SECOND", Double.toString(budget));
		env.put("AWS_ACCESS_KEY_ID", "bench");
		env.put("AWS_SECRET_ACCESS_KEY", "bench");
		env.put("AWS_EC2_METADATA_DISABLED", "true");
		env.put("SPRING_DATASOURCE_URL",
				this.pgUrl + "?currentSchema=" + this.schema + "&ApplicationName=" + Cpu.APPLICATION_NAME);
		env.put("SPRING_DATASOURCE_USERNAME", this.pgUser);
		env.put("SPRING_FLYWAY_DEFAULT_SCHEMA", this.schema);
		env.put("CONFIRM_AUDIT_PURGE_CRON", "-");
		env.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", opt("BENCH_LOG_FORMAT", "ecs"));
		env.put("LOGGING_LEVEL_ROOT", opt("BENCH_LOG_LEVEL", "INFO"));
		// experiments, e.g. BENCH_SERVICE_ENV="SPRING_THREADS_VIRTUAL_ENABLED=false" (a property that
		// selects beans: with BENCH_JVM_EXTRA=-Dspring.aot.enabled=false, else the AOT start refuses it)
		return withEnv(env, opt("BENCH_SERVICE_ENV", ""));
	}

	private static Map<String, String> withEnv(Map<String, String> env, String extra) {
		Map<String, String> all = new LinkedHashMap<>(env);
		for (String pair : extra.split(",")) {
			if (pair.contains("=")) {
				all.put(pair.substring(0, pair.indexOf('=')).strip(), pair.substring(pair.indexOf('=') + 1).strip());
			}
		}
		return all;
	}

	private String toolOptions() {
		return (opt("BENCH_TOOL_OPTIONS",
				"-Dspring.aot.enabled=true -XX:MaxRAMPercentage=70.0 -XX:+UseSerialGC -Xmn32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 "
						+ "-XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError -XX:ErrorFile=/tmp/hs_err_pid%p.log -XX:MaxRAM=1g")
				+ " " + opt("BENCH_JVM_EXTRA", ""))
			.strip();
	}

	private static int port() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private void expect(ClassicHttpRequest request, int status) throws IOException {
		int code = this.http.execute(request, (response) -> {
			EntityUtils.consume(response.getEntity());
			return response.getCode();
		});
		if (code != status) {
			throw new IOException(request.getMethod() + " " + request.getPath() + " answered " + code);
		}
	}

	private String body(ClassicHttpRequest request, int status) throws IOException {
		String[] out = new String[1];
		int code = this.http.execute(request, (response) -> {
			out[0] = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
			return response.getCode();
		});
		if (code != status) {
			throw new IOException(request.getMethod() + " " + request.getPath() + " answered " + code + ": " + out[0]);
		}
		return out[0];
	}

	private Connection db() throws SQLException {
		return DriverManager.getConnection(this.pgUrl, this.pgUser, "");
	}

	private void sql(String sql) throws SQLException {
		try (Connection c = db(); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	private String querySingle(String sql) throws SQLException {
		try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
			rs.next();
			return rs.getString(1);
		}
	}

	private String pgVersion() {
		try {
			return "PostgreSQL " + querySingle("SHOW server_version").split(" ")[0];
		}
		catch (SQLException ex) {
			return "PostgreSQL";
		}
	}

	private String javaVersion() throws IOException, InterruptedException {
		String out = run(List.of(this.javaHome.resolve("bin/java").toString(), "-version"), Duration.ofSeconds(30));
		return out.lines().filter((l) -> l.contains("Runtime Environment")).findFirst().orElse("?").strip();
	}

	private static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
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

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static void progress(String message) {
		System.err.println("[bench " + java.time.LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
	}

	private String req(String name) {
		String value = this.cfg.get(name);
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value;
	}

	private String opt(String name, String fallback) {
		String value = this.cfg.get(name);
		return (value == null || value.isEmpty()) ? fallback : value;
	}

}
