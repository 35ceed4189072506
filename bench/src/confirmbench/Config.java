package confirmbench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The BENCH_* environment, described in bench/run.sh, with its defaults. What every part
 * needs is read when the bench starts; the rest when a part asks for it, so that a value
 * only one part reads fails that part, not the parts before it.
 */
final class Config {

	final Path work;

	final Path javaHome;

	final Path jar;

	final String schema;

	final String pgUrl;

	final String pgUser;

	/** Measured time per segment. */
	final Duration seconds;

	private final Map<String, String> env;

	Config(Map<String, String> env) {
		this.env = env;
		this.work = Path.of(required("BENCH_WORK"));
		this.javaHome = Path.of(opt("BENCH_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"));
		this.jar = Path.of(required("BENCH_JAR")).toAbsolutePath();
		this.schema = opt("BENCH_SCHEMA", "bench_confirm");
		this.pgUrl = opt("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
		this.pgUser = opt("BENCH_PG_USER", "postgres");
		this.seconds = Duration.ofMillis((long) (Double.parseDouble(opt("BENCH_SECONDS", "5")) * 1000));
	}

	List<String> parts() {
		return List.of(opt("BENCH_PARTS", "latency,growth,anchor,startup").split(","));
	}

	List<String> standIns() {
		return List.of(opt("BENCH_STAND_IN", StandIn.WIREMOCK + "," + StandIn.JDK).split(","));
	}

	boolean keepSchema() {
		return !opt("BENCH_KEEP_SCHEMA", "").isEmpty();
	}

	/** The image's JAVA_TOOL_OPTIONS with the chart's memory limit, and any extra. */
	String toolOptions() {
		return (opt("BENCH_TOOL_OPTIONS",
				"-Dspring.aot.enabled=true -XX:MaxRAMPercentage=70.0 -XX:+UseSerialGC -Xmn32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 "
						+ "-XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError -XX:ErrorFile=/tmp/hs_err_pid%p.log -XX:MaxRAM=1g")
				+ " " + opt("BENCH_JVM_EXTRA", ""))
			.strip();
	}

	String logLevel() {
		return opt("BENCH_LOG_LEVEL", "INFO");
	}

	String logFormat() {
		return opt("BENCH_LOG_FORMAT", "ecs");
	}

	/** Extra service environment, K=V,K=V. */
	String serviceEnv() {
		return opt("BENCH_SERVICE_ENV", "");
	}

	/**
	 * Callers per level, each parsed when its level comes: a malformed one fails after
	 * the levels before it were measured.
	 */
	Iterable<Integer> levels() {
		List<String> levels = List.of(opt("BENCH_LEVELS", "1,16,64").split(","));
		return () -> levels.stream().map((l) -> Integer.parseInt(l.strip())).iterator();
	}

	int rounds() {
		return Integer.parseInt(opt("BENCH_ROUNDS", "2"));
	}

	int roundsOther() {
		return Integer.parseInt(opt("BENCH_ROUNDS_OTHER", "1"));
	}

	int warmUpMin() {
		return Integer.parseInt(opt("BENCH_WARMUP_MIN", "40"));
	}

	int warmUpMax() {
		return Integer.parseInt(opt("BENCH_WARMUP_MAX", "120"));
	}

	boolean profile() {
		return !opt("BENCH_PROFILE", "1").equals("0");
	}

	/** The A/B variants, label|jar|K=V,K=V;label|jar|K=V. */
	String ab() {
		return opt("BENCH_AB", "");
	}

	String cli() {
		return opt("BENCH_CLI", "/usr/bin/aws");
	}

	int cliCalls() {
		return Integer.parseInt(opt("BENCH_CLI_CALLS", "30"));
	}

	int users() {
		return Integer.parseInt(opt("BENCH_USERS", "1000"));
	}

	double budget() {
		return Double.parseDouble(opt("BENCH_BUDGET", "50"));
	}

	/** The kept work directory of .ci/start-path, empty if it did not run. */
	String startDir() {
		return opt("BENCH_START_DIR", "");
	}

	String startWorkdir() {
		return opt("BENCH_START_WORKDIR", "/application");
	}

	String startEntry() {
		return opt("BENCH_START_ENTRY", "-XX:AOTCache=app.aot -jar application.jar");
	}

	int startRuns() {
		return Integer.parseInt(opt("BENCH_START_RUNS", "3"));
	}

	boolean memoryDetail() {
		return !opt("BENCH_MEMORY_DETAIL", "").isEmpty();
	}

	List<Long> growth() {
		return Arrays.stream(opt("BENCH_GROWTH", "10000,100000,1000000").split(","))
			.map(String::strip)
			.map(Long::parseLong)
			.toList();
	}

	/** Confirmation job sizes, one job each, the replica killed during the last. */
	List<Integer> jobSizes() {
		return Arrays.stream(opt("BENCH_JOB_SIZES", "1000,10000,100000").split(","))
			.map(String::strip)
			.map(Integer::parseInt)
			.toList();
	}

	/** The jobs part's max-requests-per-second; 0 measures what the machine carries first. */
	double jobBudget() {
		return Double.parseDouble(opt("BENCH_JOB_BUDGET", "0"));
	}

	/** The size of the job that measures the rate the machine carries. */
	int jobCalibration() {
		return Integer.parseInt(opt("BENCH_JOB_CALIBRATION", "4000"));
	}

	/** The largest job's longest run at the measured budget, in seconds. */
	double jobMaxSeconds() {
		return Double.parseDouble(opt("BENCH_JOB_MAX_SECONDS", "600"));
	}

	/** The share of the last job's items done when the second replica is killed. */
	double jobKillAt() {
		return Double.parseDouble(opt("BENCH_JOB_KILL_AT", "0.5"));
	}

	/** The scheduler's heartbeat interval and missed-heartbeats limit for the jobs part. */
	String jobHeartbeat() {
		return opt("BENCH_JOB_HEARTBEAT", "2s");
	}

	int jobMissedHeartbeats() {
		return Integer.parseInt(opt("BENCH_JOB_MISSED_HEARTBEATS", "4"));
	}

	private String required(String name) {
		String value = this.env.get(name);
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value;
	}

	private String opt(String name, String fallback) {
		String value = this.env.get(name);
		return (value == null || value.isEmpty()) ? fallback : value;
	}

}
