package confirmbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark driver. One JVM runs the Cognito stand-in, the OAuth2 server
 * (mock-oauth2-server) and the callers; the service runs as a child process on the same
 * machine, as the image runs it. Prints a Markdown results section on stdout, progress on
 * stderr. Configuration: BENCH_* environment variables, described in bench/run.sh.
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		// before com.sun.net.httpserver reads it
		System.setProperty("sun.net.httpserver.nodelay", "true");
		Config config = new Config(System.getenv());
		Report report = new Report(config.work);
		int status = 0;
		try {
			run(config, report);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			report.add("");
			report.add("**The benchmark failed:** `" + ex + "` (logs in " + config.work + ")");
			status = 1;
		}
		report.print();
		System.exit(status);
	}

	private static void run(Config config, Report report) throws Exception {
		List<String> parts = config.parts();
		List<String> standIns = config.standIns();
		Files.createDirectories(config.work);
		try (var old = Files.list(config.work)) {
			for (Path f : old
				.filter((f) -> f.toString().endsWith(".log") || f.toString().endsWith(".jfr")
						|| f.getFileName().toString().equals("results.partial.md"))
				.toList()) {
				Files.delete(f);
			}
		}
		Bench.writeApplicationYaml(config.work);
		Sql sql = new Sql(config.pgUrl, config.pgUser);
		sql.execute("DROP SCHEMA IF EXISTS " + config.schema + " CASCADE");
		OAuth oauth = new OAuth();
		Cpu cpu = new Cpu(() -> {
			try {
				return sql.connect();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		Http http = new Http();
		Bench bench = new Bench(config, report, sql, oauth, cpu, http);
		List<String> deferred = new ArrayList<>();
		try {
			new SetupPart(bench).run(standIns);
			bench.standIn = StandIn.start(standIns.get(0), 0);
			bench.direct = new Direct(bench.standIn.url());
			if (parts.contains("latency") || parts.contains("growth")) {
				try (Service service = bench.startService("service", 100000, config.work.resolve("service.log"))) {
					if (parts.contains("latency")) {
						new LatencyPart(bench).run(service, standIns);
					}
					if (parts.contains("growth")) {
						// measured with the warm service, printed last (part 4)
						int from = report.size();
						new GrowthPart(bench).run(service);
						deferred.addAll(report.takeFrom(from));
					}
				}
			}
			if (parts.contains("ab")) {
				new AbPart(bench).run();
			}
			if (parts.contains("anchor")) {
				new AnchorPart(bench).run();
			}
			if (parts.contains("jobs")) {
				new JobsPart(bench).run();
			}
			if (parts.contains("startup")) {
				new StartupPart(bench).run();
			}
			report.addAll(deferred);
		}
		finally {
			if (bench.direct != null) {
				bench.direct.close();
			}
			http.close();
			if (bench.standIn != null) {
				bench.standIn.close();
			}
			oauth.close();
			if (!config.keepSchema()) {
				sql.execute("DROP SCHEMA IF EXISTS " + config.schema + " CASCADE");
				// the one bench/run.sh gives .ci/start-path
				sql.execute("DROP SCHEMA IF EXISTS " + config.schema + "_sp CASCADE");
			}
		}
	}

}
