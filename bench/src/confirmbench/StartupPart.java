package confirmbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Part 3, start-up to readiness and RSS after a load run, for each layout .ci/start-path
 * prepared as the Dockerfile does (fat jar, extracted layers, extracted + AOT cache),
 * started with the bench's full environment.
 */
final class StartupPart {

	private final Bench bench;

	private final Config config;

	private final Report report;

	StartupPart(Bench bench) {
		this.bench = bench;
		this.config = bench.config;
		this.report = bench.report;
	}

	void run() throws Exception {
		this.report.add("");
		this.report.add("### 3. Start-up to readiness and RSS after a load run (JDK 25, the image's layout and flags, "
				+ "real environment)");
		this.report.add("");
		String startDir = this.config.startDir();
		if (startDir.isEmpty()) {
			this.report.add("Skipped: BENCH_START_DIR (the kept work directory of .ci/start-path) is not set.");
			return;
		}
		Path image = Path.of(startDir, "image" + this.config.startWorkdir());
		List<String> entry = List.of(this.config.startEntry().split(" "));
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
		int runs = this.config.startRuns();
		Map<String, List<Double>> readies = new LinkedHashMap<>();
		Map<String, List<Double>> rssReady = new LinkedHashMap<>();
		Map<String, double[]> after = new HashMap<>();
		for (int r = 1; r <= runs; r++) {
			for (Map.Entry<String, Object[]> mode : modes.entrySet()) {
				Report.progress("start-up: " + mode.getKey() + ", run " + r + "/" + runs);
				@SuppressWarnings("unchecked")
				List<String> args = (List<String>) mode.getValue()[1];
				String logName = "start-" + mode.getKey().replaceAll("[^a-z]+", "-") + ".log";
				try (Service service = Service.start(mode.getKey(), this.config.javaHome, (Path) mode.getValue()[0],
						args, this.bench.serviceEnv(100000), Processes.freePort(), this.config.work.resolve(logName),
						Duration.ofSeconds(180))) {
					if (mode.getKey().contains("AOT") && !service.maps(aot)) {
						throw new IllegalStateException("the JVM did not map " + aot + ": the AOT cache was rejected");
					}
					readies.computeIfAbsent(mode.getKey(), (k) -> new ArrayList<>()).add(service.readySeconds);
					rssReady.computeIfAbsent(mode.getKey(), (k) -> new ArrayList<>())
						.add(service.rssAtReadyKb / 1024.0);
					if (r == runs) {
						after.put(mode.getKey(), load(service, logName));
					}
				}
			}
		}
		this.report.add("| start | ready (median of " + runs + ") | all runs | RSS at ready | RSS after load | the "
				+ "first " + this.config.seconds.multipliedBy(2).toSeconds() + " s of load at 16 callers | target |");
		this.report.add("|---|---:|---|---:|---:|---|---|");
		for (String mode : modes.keySet()) {
			double median = median(readies.get(mode));
			double[] a = after.get(mode);
			String rss = (a[0] * 1.048576 <= 300) ? "RSS ≤ 300 MB ✅" : "RSS ≤ 300 MB ❌";
			String target = mode.contains("AOT") ? ((median <= 3.0 ? "ready ≤ 3 s ✅" : "ready ≤ 3 s ❌") + ", " + rss)
					: rss;
			this.report.add(String.format(Locale.ROOT,
					"| %s | %.2f s | %s | %.0f MiB | %.0f MiB | %.0f ops/s, p50 %.1f ms%s | %s |", mode, median,
					readies.get(mode).stream().map((x) -> String.format(Locale.ROOT, "%.2f", x)).toList(),
					median(rssReady.get(mode)), a[0], a[1], a[2], (a[3] > 0) ? ", " + (long) a[3] + " errors" : "",
					target));
		}
		this.report.add("");
		this.report.add("Ready = from starting `java` to `/actuator/health/readiness` answering UP, with the real "
				+ "environment: PostgreSQL reachable, Flyway validating the (already migrated) schema; the JWKS is "
				+ "fetched on the first call. RSS = VmRSS; 300 MB = 286 MiB. The load is cold code (no warm-up): it "
				+ "shows memory after real use, not steady-state speed.");
	}

	/** RSS (MiB), throughput, p50 and errors of a cold load run, on the last start. */
	private double[] load(Service service, String logName) throws Exception {
		Load.Result load = Load.run("load", 16, Duration.ZERO, this.config.seconds.multipliedBy(2),
				this.bench.viaService(service));
		double[] after = { service.rssKb() / 1024.0, load.throughput(), load.p50Ms(), load.errors() };
		if (this.config.memoryDetail()) {
			// where the memory is (needs -XX:NativeMemoryTracking=summary in
			// BENCH_TOOL_OPTIONS)
			Files.writeString(this.config.work.resolve(logName.replace(".log", "-memory.txt")),
					Files.readString(Path.of("/proc/" + service.pid() + "/status")) + "\n"
							+ service.jcmd("GC.heap_info") + "\n" + service.jcmd("VM.native_memory", "summary"));
		}
		return after;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

}
