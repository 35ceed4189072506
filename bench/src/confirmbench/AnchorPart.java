package confirmbench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Part 2, the support-staff anchor: confirming 1,000 users with a loop of
 * {@code aws cognito-idp admin-confirm-sign-up} (a few calls measured, extrapolated)
 * versus the batch endpoint of a service with the real budget.
 */
final class AnchorPart {

	private final Bench bench;

	private final Config config;

	private final Report report;

	AnchorPart(Bench bench) {
		this.bench = bench;
		this.config = bench.config;
		this.report = bench.report;
	}

	void run() throws Exception {
		this.report.add("");
		this.report.add("### 2. Support-staff anchor: confirming 1,000 users");
		this.report.add("");
		String cli = this.config.cli();
		int cliCalls = this.config.cliCalls();
		String cliVersion = Processes.run(List.of(cli, "--version"), Duration.ofSeconds(60)).strip().split(" ")[0];
		List<Double> times = new ArrayList<>();
		Report.progress("anchor: " + cliCalls + " AWS CLI calls");
		for (int i = 0; i < cliCalls; i++) {
			long t0 = System.nanoTime();
			Processes.run(List.of(cli, "cognito-idp", "admin-confirm-sign-up", "--user-pool-id", Bench.POOL,
					"--username", "cli-" + i, "--endpoint-url", this.bench.standIn.url(), "--region", "us-east-1",
					"--output", "json"), Duration.ofSeconds(60));
			times.add((System.nanoTime() - t0) / 1e9);
		}
		double mean = times.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int users = this.config.users();
		double budget = this.config.budget();
		Report.progress("anchor: " + users + " users through the batch endpoint at " + budget + "/s");
		double batchSeconds;
		int confirmed = 0;
		double ready;
		try (Service service = this.bench.startService("batch", budget,
				this.config.work.resolve("service-batch.log"))) {
			ready = service.readySeconds;
			String url = "http://127.0.0.1:" + service.port + Bench.CONFIRM_PATH + "/batch";
			long t0 = System.nanoTime();
			for (int b = 0; b * 100 < users; b++) {
				int from = b * 100;
				String names = IntStream.range(from, Math.min(users, from + 100))
					.mapToObj((i) -> "\"batch-" + i + "\"")
					.collect(Collectors.joining(","));
				HttpPost post = new HttpPost(url);
				post.setHeader("Authorization", "Bearer " + this.bench.oauth.adminToken);
				post.setEntity(new StringEntity("{\"usernames\":[" + names + "],\"reason\":\"bench\"}",
						ContentType.APPLICATION_JSON));
				String answer = this.bench.http.body(post, 200);
				confirmed += answer.split("\"outcome\":\"CONFIRMED\"", -1).length - 1;
			}
			batchSeconds = (System.nanoTime() - t0) / 1e9;
		}
		double floor = users / (budget * 0.97);
		this.report.add("| way | 1,000 users | per user | how measured |");
		this.report.add("|---|---:|---:|---|");
		this.report.add(String.format(Locale.ROOT,
				"| `aws cognito-idp admin-confirm-sign-up` in a shell loop (%s, `/usr/bin/aws`) | ≈ %.0f s (%.1f min) "
						+ "| %.2f s (p50 %.2f, max %.2f) | %d sequential calls against the stand-in, extrapolated ×%.1f |",
				cliVersion, mean * users, mean * users / 60, mean, sorted[sorted.length / 2], sorted[sorted.length - 1],
				cliCalls, (double) users / cliCalls));
		this.report.add(String.format(Locale.ROOT,
				"| `POST …/admin-confirm-sign-up/batch`, 100 usernames per request, budget %.0f/s | %.1f s | %.1f ms | "
						+ "measured: %d requests in sequence, %d/%d CONFIRMED; the budget alone takes %.1f s (97%% of "
						+ "%.0f/s) |",
				budget, batchSeconds, batchSeconds * 1000 / users, (users + 99) / 100, confirmed, users, floor,
				budget));
		this.report.add("");
		this.report.add(String.format(Locale.ROOT,
				"The batch endpoint is %.0f× faster than the CLI loop and %.1f%% slower than its budget allows; the CLI "
						+ "call's time is the CLI itself (Python start-up, botocore), the stand-in answers in well under a "
						+ "millisecond. The service for this part started in %.1f s.",
				mean * users / batchSeconds, 100 * (batchSeconds / floor - 1), ready));
	}

}
