package confirmbench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not part of the default run (BENCH_PARTS=ab). Compares the service (BENCH_JAR) with
 * variants given as {@code BENCH_AB="label|jar|K=V,K=V;label|jar|K=V"} (an empty jar is
 * BENCH_JAR): all running and warmed up, their segments interleaved with the direct SDK's
 * so that a busy machine affects them alike.
 */
final class AbPart {

	private record Variant(String label, Path jar, String env) {
	}

	private final Bench bench;

	private final Config config;

	private final Report report;

	AbPart(Bench bench) {
		this.bench = bench;
		this.config = bench.config;
		this.report = bench.report;
	}

	void run() throws Exception {
		List<Variant> variants = new ArrayList<>();
		variants.add(new Variant("A (as is)", this.config.jar, ""));
		for (String v : this.config.ab().split(";")) {
			if (v.isBlank()) {
				continue;
			}
			String[] f = (v + "||").split("\\|", -1);
			variants.add(new Variant(f[0].strip(),
					f[1].isBlank() ? this.config.jar : Path.of(f[1].strip()).toAbsolutePath(), f[2].strip()));
		}
		this.report.add("");
		this.report.add("### A/B");
		this.report.add("");
		variants.forEach((v) -> this.report
			.add("- " + v.label() + ": `" + v.jar() + "`" + (v.env().isEmpty() ? "" : " with `" + v.env() + "`")));
		List<Service> services = new ArrayList<>();
		try {
			for (Variant v : variants) {
				Report.progress("A/B: starting " + v.label());
				services.add(Service.start(v.label(), this.config.javaHome, v.jar().getParent(),
						List.of("-XX:FlightRecorderOptions:stackdepth=384", "-jar", v.jar().toString()),
						Bench.withEnv(this.bench.serviceEnv(100000), v.env()), Processes.freePort(),
						this.config.work.resolve("service-" + v.label().replaceAll("[^A-Za-z0-9]+", "-") + ".log"),
						Duration.ofSeconds(180)));
			}
			for (Service s : services) {
				new WarmUp(this.bench).run(s);
			}
			this.report.add("");
			this.report.add("| callers | variant | p50 / p99 | ops/s | CPU ms/call: service, PG | RSS |");
			this.report.add("|---:|---|---:|---:|---:|---:|");
			int rounds = this.config.rounds();
			for (int callers : this.config.levels()) {
				table(callers, rounds, variants, services);
			}
		}
		finally {
			for (Service s : services) {
				s.close();
			}
		}
	}

	private void table(int callers, int rounds, List<Variant> variants, List<Service> services) throws Exception {
		Cpu cpu = this.bench.cpu;
		List<Load.Result> d = new ArrayList<>();
		List<List<Load.Result>> results = new ArrayList<>();
		List<Cpu.Sample> cpus = new ArrayList<>();
		services.forEach((s) -> {
			results.add(new ArrayList<>());
			cpus.add(Cpu.Sample.ZERO);
		});
		for (int r = 0; r < rounds; r++) {
			Report.progress("A/B: " + callers + " callers, round " + (r + 1) + "/" + rounds);
			d.add(Load.run("direct", callers, Duration.ofSeconds(1), this.config.seconds, this.bench.direct.call()));
			for (int i = 0; i < services.size(); i++) {
				Service s = services.get(i);
				Cpu.Sample c0 = cpu.sample(s.pid());
				results.get(i)
					.add(Load.run("v", callers, Duration.ofSeconds(1), this.config.seconds, this.bench.viaService(s)));
				cpus.set(i, cpus.get(i).plus(cpu.sample(s.pid()).minus(c0)));
			}
		}
		Load.Result dr = Load.Result.merge(d);
		this.report.add(String.format(Locale.ROOT, "| %d | direct SDK | %.2f / %.2f ms | %.0f | | |", callers,
				dr.p50Ms(), dr.p99Ms(), dr.throughput()));
		for (int i = 0; i < services.size(); i++) {
			Load.Result r = Load.Result.merge(results.get(i));
			Cpu.Sample c = cpus.get(i);
			this.report.add(String.format(Locale.ROOT, "| %d | %s | %.2f / %.2f ms | %.0f | %.2f, %.2f | %.0f MiB |%s",
					callers, variants.get(i).label(), r.p50Ms(), r.p99Ms(), r.throughput(),
					1000 * c.service() / r.allCalls(), 1000 * c.postgres() / r.allCalls(),
					services.get(i).rssKb() / 1024.0,
					(r.errors() > 0) ? " errors " + r.errors() + ": " + r.firstError() : ""));
		}
	}

}
