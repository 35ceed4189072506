package confirmbench;

import java.time.Duration;
import java.util.Locale;

/**
 * Load on a service until its JIT compilers have (nearly) finished: C2 needs about a
 * minute of CPU to compile the service's hot code, and a measurement before that would
 * time the compiler. 10 s steps at 16 callers until the compiler threads use less than 5%
 * of the service's CPU, between BENCH_WARMUP_MIN and BENCH_WARMUP_MAX seconds; then 5 s
 * of direct calls, for the driver's own JIT.
 */
final class WarmUp {

	private final Bench bench;

	WarmUp(Bench bench) {
		this.bench = bench;
	}

	void run(Service service) throws Exception {
		int min = this.bench.config.warmUpMin();
		int max = this.bench.config.warmUpMax();
		int elapsed = 0;
		long calls = 0;
		double jitShare = 1;
		while (elapsed < max && (elapsed < min || jitShare > 0.05)) {
			Cpu.Sample c0 = this.bench.cpu.sample(service.pid());
			Load.Result r = Load.run("warm-up", 16, Duration.ZERO, Duration.ofSeconds(10),
					this.bench.viaService(service));
			Cpu.Sample d = this.bench.cpu.sample(service.pid()).minus(c0);
			calls += r.allCalls();
			elapsed += 10;
			jitShare = d.jit() / Math.max(d.service(), 1e-9);
			Report.progress(
					String.format(Locale.ROOT, "warm-up: %d s, %d calls, %.0f ops/s, JIT %.0f%% of the service's CPU",
							elapsed, calls, r.throughput(), 100 * jitShare));
		}
		Load.run("warm-direct", 16, Duration.ZERO, Duration.ofSeconds(5), this.bench.direct.call());
		this.bench.report.add(String.format(Locale.ROOT,
				"Warm-up: %d s at 16 callers (%,d calls) until the JIT compiler threads used %.0f%% of the service's CPU "
						+ "(C2 needs about a minute of CPU to compile this service's hot code), then 5 s direct.",
				elapsed, calls, 100 * jitShare));
	}

}
