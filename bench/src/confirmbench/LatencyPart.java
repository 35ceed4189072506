package confirmbench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Part 1, added latency and throughput: the same confirm call made directly with the AWS
 * SDK and through the warm service, against the same stand-in, segments alternated, at
 * each level of callers; then once more with each further kind of stand-in.
 */
final class LatencyPart {

	private final Bench bench;

	private final Config config;

	private final Report report;

	LatencyPart(Bench bench) {
		this.bench = bench;
		this.config = bench.config;
		this.report = bench.report;
	}

	void run(Service service, List<String> standIns) throws Exception {
		this.report.add("");
		this.report.add("### 1. Added latency: service vs direct AWS SDK, same stand-in, one run");
		this.report.add("");
		checkOnce(service);
		new WarmUp(this.bench).run(service);
		for (int i = 0; i < standIns.size(); i++) {
			String kind = standIns.get(i);
			if (i > 0) {
				// the same warm service, its Cognito endpoint answered by the other kind
				this.bench.standIn = this.bench.standIn.switchTo(kind);
				awaitClosedCircuit(service);
				Load.run("reconnect", 16, Duration.ZERO, Duration.ofSeconds(3), this.bench.viaService(service));
				Load.run("reconnect", 16, Duration.ZERO, Duration.ofSeconds(1), this.bench.direct.call());
				checkOnce(service);
			}
			this.report.add("");
			this.report.add("**Stand-in `" + kind + "`** (" + this.bench.standIn.kind() + ")"
					+ ((i == 0) ? ": the reference of the issue's targets (direct SDK about 800 ops/s at 1 caller)."
							: ": a cheaper stand-in, so that the service's own cost weighs more."));
			this.report.add("");
			table(service, kind, (i == 0) ? this.config.rounds() : this.config.roundsOther());
		}
		verifyChain(service);
		if (this.config.profile()) {
			new ProfilePart(this.bench).run(service);
		}
	}

	/** The audit hash chain after the load: every completion appended once, in order. */
	private void verifyChain(Service service) throws Exception {
		HttpGet get = new HttpGet("http://127.0.0.1:" + service.port + "/api/v1/audit-events/verification");
		get.setHeader("Authorization", "Bearer " + this.bench.oauth.auditorToken);
		String verification = this.bench.http.body(get, 200);
		this.report.add("");
		this.report.add("Audit hash chain after these measurements (`GET /api/v1/audit-events/verification`): `"
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
				Report.progress("waiting for the service's circuit breaker to close after the switch of stand-ins");
				Thread.sleep(2000);
			}
		}
	}

	/**
	 * One call each way, checked: the service confirms, and the JDK stand-in (which
	 * counts) sees the same two Cognito calls from both.
	 */
	private void checkOnce(Service service) throws Exception {
		StandIn standIn = this.bench.standIn;
		long g0 = standIn.getUser.get();
		long k0 = standIn.confirm.get();
		HttpPost post = new HttpPost("http://127.0.0.1:" + service.port + Bench.CONFIRM_PATH);
		post.setHeader("Authorization", "Bearer " + this.bench.oauth.adminToken);
		post.setEntity(new StringEntity("{\"username\":\"check-1\"}", ContentType.APPLICATION_JSON));
		String answer = this.bench.http.body(post, 200);
		if (!answer.contains("\"outcome\":\"CONFIRMED\"")) {
			throw new IllegalStateException("unexpected answer: " + answer);
		}
		this.bench.direct.call().run(0, 0);
		if (standIn instanceof StandIn.JdkStandIn
				&& (standIn.getUser.get() - g0 != 2 || standIn.confirm.get() - k0 != 2)) {
			throw new IllegalStateException("the stand-in did not see 2 AdminGetUser + 2 AdminConfirmSignUp");
		}
	}

	private void table(Service service, String kind, int rounds) throws Exception {
		this.report.add("| callers | direct SDK p50 / p99 | service p50 / p99 | **added p50** | **added p99** "
				+ "| direct ops/s | service ops/s | **service / direct** | target | CPU ms/call direct (driver) "
				+ "| CPU ms/call service: driver + service + PG | service JIT, GC ms/call | service RSS after |");
		this.report.add("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
		for (int callers : this.config.levels()) {
			List<Load.Result> d = new ArrayList<>();
			List<Load.Result> s = new ArrayList<>();
			Cpu.Sample dCpu = Cpu.Sample.ZERO;
			Cpu.Sample sCpu = Cpu.Sample.ZERO;
			for (int r = 0; r < rounds; r++) {
				Report.progress("latency (" + kind + "): " + callers + " callers, round " + (r + 1) + "/" + rounds);
				Cpu.Sample c0 = this.bench.cpu.sample(service.pid());
				d.add(Load.run("direct", callers, Duration.ofSeconds(1), this.config.seconds,
						this.bench.direct.call()));
				Cpu.Sample c1 = this.bench.cpu.sample(service.pid());
				s.add(Load.run("service", callers, Duration.ofSeconds(1), this.config.seconds,
						this.bench.viaService(service)));
				Cpu.Sample c2 = this.bench.cpu.sample(service.pid());
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
			this.report.add(String.format(Locale.ROOT,
					"| %d | %.2f / %.2f ms | %.2f / %.2f ms | %+.2f ms | %+.2f ms | %.0f | %.0f | %.2f | %s | %.2f | "
							+ "%.2f = %.2f + %.2f + %.2f | %.2f, %.2f | %.0f MiB |",
					callers, dr.p50Ms(), dr.p99Ms(), sr.p50Ms(), sr.p99Ms(), addedP50, addedP99, dr.throughput(),
					sr.throughput(), ratio, target, 1000 * dCpu.driver() / dr.allCalls(),
					1000 * (sCpu.driver() + sCpu.service() + sCpu.postgres()) / n, 1000 * sCpu.driver() / n,
					1000 * sCpu.service() / n, 1000 * sCpu.postgres() / n, 1000 * sCpu.jit() / n, 1000 * sCpu.gc() / n,
					service.rssKb() / 1024.0));
			if (dr.errors() + sr.errors() > 0) {
				this.report.add("| | errors: direct " + dr.errors() + " (" + dr.firstError() + "), service "
						+ sr.errors() + " (" + sr.firstError() + ") | | | | | | | | | | | |");
			}
		}
		this.report.add("");
		this.report.add("Added = service percentile − direct percentile in the same run. CPU per call = user + "
				+ "system time of the driver JVM (callers and stand-in), the service JVM and the PostgreSQL backends "
				+ "of the service's connections, over the segments, divided by the calls made in them.");
	}

}
