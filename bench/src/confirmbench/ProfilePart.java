package confirmbench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where the service's time goes: a JFR recording of the warm service at 1 and 16 callers,
 * in segments of its own after the latency tables (the recording costs time), summarised
 * by {@link Profile}.
 */
final class ProfilePart {

	private final Bench bench;

	ProfilePart(Bench bench) {
		this.bench = bench;
	}

	void run(Service service) throws Exception {
		Config config = this.bench.config;
		Report report = this.bench.report;
		report.add("");
		report.add("#### Where the service's time goes (JFR, separate segments after the tables)");
		Path jfc = config.work.resolve("bench.jfc");
		Processes.run(List.of(config.javaHome.resolve("bin/jfr").toString(), "configure", "--input", "profile",
				"jdk.ExecutionSample#period=5ms", "jdk.JavaExceptionThrow#enabled=true",
				"jdk.JavaExceptionThrow#throttle=off", "--output", jfc.toString()), Duration.ofSeconds(60));
		for (int callers : new int[] { 1, 16 }) {
			Path recording = config.work.resolve("service-" + callers + ".jfr");
			Report.progress("profile: JFR on the service at " + callers + " callers");
			service.jcmd("JFR.start", "name=bench" + callers, "settings=" + jfc);
			Cpu.Sample c0 = this.bench.cpu.sample(service.pid());
			Load.Result r = Load.run("profile", callers, Duration.ZERO, config.seconds, this.bench.viaService(service));
			Cpu.Sample c = this.bench.cpu.sample(service.pid()).minus(c0);
			service.jcmd("JFR.stop", "name=bench" + callers, "filename=" + recording);
			report.add("");
			report.add(String.format(Locale.ROOT,
					"**%d caller(s)**: %,d calls, %.0f ops/s, p50 %.2f ms while recording (`%s`); CPU per call: "
							+ "service %.2f ms, its PostgreSQL backends %.2f ms.",
					callers, r.allCalls(), r.throughput(), r.p50Ms(), recording, 1000 * c.service() / r.allCalls(),
					1000 * c.postgres() / r.allCalls()));
			report.add("");
			report.addAll(Profile.summarise(recording, r.allCalls(), callers == 1 ? 0 : 20));
		}
	}

}
