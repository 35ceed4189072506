package confirmbench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The confirmation jobs part: CSV jobs of BENCH_JOB_SIZES usernames on two replicas (one
 * PostgreSQL schema, one Redis budget, the scheduler on both) against the fast JDK
 * stand-in. Measures the items/s a job sustains against its budget, the replicas' RSS as
 * the items grow, getConfirmationJob's latency while the job runs, and how long the
 * survivor takes to revive the lanes of a replica killed with SIGKILL. Without
 * BENCH_JOB_BUDGET it first measures what the machine carries with the budget out of the
 * way, and takes 70% of that.
 */
final class JobsPart {

	static final String JOBS_PATH = "/api/v1/user-pools/" + Bench.POOL + "/confirmation-jobs";

	/** confirm.jobs.budget-share and confirm.jobs.lanes, the service's defaults. */
	static final double SHARE = 0.8;

	static final int LANES = 4;

	/** A Redis database of the bench's own, emptied before the replicas start. */
	static final String REDIS = "redis://127.0.0.1:6379/11";

	private final Bench bench;

	private final Config config;

	private final Report report;

	JobsPart(Bench bench) {
		this.bench = bench;
		this.config = bench.config;
		this.report = bench.report;
	}

	void run() throws Exception {
		List<Integer> sizes = this.config.jobSizes();
		double budget = this.config.jobBudget();
		String budgetNote;
		try (StandIn standIn = StandIn.echoing()) {
			if (budget <= 0) {
				double unbounded = 10000;
				int n = this.config.jobCalibration();
				JobRun calibration;
				try (Service one = start(standIn, "calibration-1", unbounded);
						Service two = start(standIn, "calibration-2", unbounded)) {
					calibration = new JobRun(this.bench, n).run("c", one, two, false, 600);
				}
				double carried = calibration.rate(5, calibration.end());
				// 70% of what the machine carries, unless the largest job would then take
				// longer than BENCH_JOB_MAX_SECONDS: then up to all of it
				int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
				double rate = Math.max(0.7 * carried, Math.min(carried, largest / this.config.jobMaxSeconds()));
				budget = Math.floor(rate / SHARE / 10) * 10;
				budgetNote = String.format(Locale.ROOT,
						"measured first: a %,d-item job at max-requests-per-second %.0f (the budget out of the way) "
								+ "on the same two replicas did %.0f items/s after its first 5 s; the budget is %.0f%% of "
								+ "that ÷ the share, rounded down to 10: %.0f/s%s",
						n, unbounded, carried, 100 * rate / carried, budget,
						(rate > 0.7 * carried) ? " (more than 70%, so that the " + largest + "-item job ends within "
								+ this.config.jobMaxSeconds() + " s)" : "");
			}
			else {
				budgetNote = "BENCH_JOB_BUDGET";
			}
			double target = 0.95 * SHARE * budget;
			List<JobRun> runs = new ArrayList<>();
			long getUser0;
			long confirm0;
			try (Service one = start(standIn, "jobs-1", budget); Service two = start(standIn, "jobs-2", budget)) {
				getUser0 = standIn.getUser.get();
				confirm0 = standIn.confirm.get();
				// each row as its job ends, so that a run stopped early keeps the jobs it did
				header(budget, target, budgetNote);
				for (int i = 0; i < sizes.size(); i++) {
					int size = sizes.get(i);
					boolean last = i == sizes.size() - 1;
					double timeout = 120 + 3 * size / (SHARE * budget);
					JobRun run = new JobRun(this.bench, size).run(Integer.toString(i), one, two, last, timeout);
					runs.add(run);
					row(run, target);
				}
			}
			footer(runs, standIn.getUser.get() - getUser0, standIn.confirm.get() - confirm0);
		}
	}

	private Service start(StandIn standIn, String label, double budget) throws Exception {
		if (label.endsWith("-1")) {
			Processes.run(List.of("redis-cli", "-n", REDIS.substring(REDIS.lastIndexOf('/') + 1), "FLUSHDB"),
					Duration.ofSeconds(10));
		}
		Report.progress("jobs: starting " + label + " (max-requests-per-second " + budget + ")");
		Map<String, String> env = this.bench.serviceEnv(budget);
		env.put("CONFIRM_COGNITO_ENDPOINT", standIn.url());
		env.put("CONFIRM_COGNITO_BUDGET_REDIS_URL", REDIS);
		env.put("CONFIRM_SCHEDULER_ENABLED", "true");
		env.put("CONFIRM_SCHEDULER_HEARTBEAT_INTERVAL", this.config.jobHeartbeat());
		env.put("CONFIRM_SCHEDULER_MISSED_HEARTBEATS_LIMIT", Integer.toString(this.config.jobMissedHeartbeats()));
		env = Bench.withEnv(env, this.config.serviceEnv());
		return Service.start(label, this.config.javaHome, this.config.jar.getParent(),
				List.of("-jar", this.config.jar.toString()), env, Processes.freePort(),
				this.config.work.resolve("service-" + label + ".log"), Duration.ofSeconds(180));
	}

	private void header(double budget, double target, String budgetNote) {
		Report r = this.report;
		r.add("");
		r.add("### Confirmation jobs: CSV jobs on two replicas (stand-in `jdk`, one PostgreSQL, one Redis)");
		r.add("");
		r.add(String.format(Locale.ROOT,
				"Budget: `confirm.cognito.max-requests-per-second` = %.0f (%s). The jobs' bucket is "
						+ "`confirm.jobs.budget-share` %.1f × that = %.0f items/s; **target items/s = 0.95 × %.1f × %.0f = "
						+ "%.1f**. Items/s = (done items at the job's end − done at 5 s after its creation) ÷ the time "
						+ "between, from getConfirmationJob polled every %d ms on replica 1 (done = total − remaining). "
						+ "%d lanes (the default) of 4 items in flight each (`confirm.jobs.item-parallelism`), "
						+ "2 scheduler threads per replica; a dead replica's lanes are "
						+ "revived after heartbeat-interval %s × missed-heartbeats-limit %d (bench settings, "
						+ "`CONFIRM_SCHEDULER_*`; the default is 10 s × 6 = 60 s).",
				budget, budgetNote, SHARE, SHARE * budget, SHARE, budget, target, JobRun.POLL_MS, LANES,
				this.config.jobHeartbeat(), this.config.jobMissedHeartbeats()));
		r.add("");
		StringBuilder rssHead = new StringBuilder();
		for (int c : JobRun.CHECKPOINTS) {
			rssHead.append(" RSS at ").append(JobRun.label(c)).append(" done (MiB, r1 / r2) |");
		}
		r.add("| items | state | confirmed / failed | created → all done | items/s after 5 s | / target |"
				+ " getConfirmationJob p50 / p99 / max (polls) |" + rssHead + " RSS at the end |");
		r.add("|---:|---|---:|---:|---:|---:|---:|" + "---:|".repeat(JobRun.CHECKPOINTS.size()) + "---:|");
	}

	private void row(JobRun run, double target) {
		double rate = run.rate(5, run.end());
		StringBuilder rss = new StringBuilder();
		for (int c : JobRun.CHECKPOINTS) {
			rss.append(' ').append(mib(run.rss.get(JobRun.label(c)))).append(" |");
		}
		this.report.add(String.format(Locale.ROOT,
				"| %,d | %s | %d / %d | %.1f s | %.1f | %.3f %s | %.1f / %.1f %s / %.1f ms (%d) |%s %s |", run.size,
				run.state, run.counts.get("confirmed"), run.counts.get("failed"), run.end(), rate, rate / target,
				(rate / target >= 1.0) ? "✅" : "❌", ms(run.getLatency.getValueAtPercentile(50)),
				ms(run.getLatency.getValueAtPercentile(99)),
				(run.getLatency.getValueAtPercentile(99) < 50_000_000) ? "✅" : "❌", ms(run.getLatency.getMaxValue()),
				run.getLatency.getTotalCount(), rss, mib(run.rss.get("end"))));
	}

	private void footer(List<JobRun> runs, long getUsers, long confirms) {
		Report r = this.report;
		r.add("");
		r.add(String.format(Locale.ROOT,
				"Targets: items/s ≥ 0.95 × share × budget; RSS flat from 1k to 100k; getConfirmationJob p99 < 50 ms. "
						+ "The stand-in answered %,d AdminGetUser and %,d AdminConfirmSignUp during these jobs. r2 = `-` "
						+ "after it was killed.",
				getUsers, confirms));
		JobRun killed = runs.get(runs.size() - 1);
		if (killed.killedAt > 0) {
			double before = killed.rate(5, killed.killedAt);
			// the end of the last 2-s window below 90% of before, up to a few seconds after
			// every lane moved again: when items/s was back for good
			double back = 0;
			double min = Double.MAX_VALUE;
			double horizon = killed.killedAt + Math.max(killed.lanesBackAfter, 0) + 6;
			for (double t = killed.killedAt; t + 2 <= Math.min(killed.end(), horizon); t += JobRun.POLL_MS / 1000.0) {
				double window = killed.rate(t, t + 2);
				min = Math.min(min, window);
				if (window < 0.9 * before) {
					back = t + 2 - killed.killedAt;
				}
			}
			r.add("");
			r.add(String.format(Locale.ROOT,
					"**Takeover** (the %,d-item job): replica 2, which nobody polled, was killed with SIGKILL at %,d done "
							+ "items (%.1f s after the job's creation). **Every lane had finished an item again %.1f s "
							+ "after the kill** (done items per lane read from `confirmation_job_item` at each poll, "
							+ "compared with their count at the kill; a dead replica's lane only moves once the survivor "
							+ "has revived it). Items/s before the kill (5 s → kill) %.1f; the lowest 2-s window after "
							+ "it %.1f; **items/s was back at ≥ 90%% of before for good %.1f s after the kill** (the end "
							+ "of the last 2-s window below that, up to 6 s after every lane moved again). Whole job "
							+ "after 5 s: %.1f items/s.",
					killed.size, killed.doneAtKill, killed.killedAt, killed.lanesBackAfter, before,
					(min == Double.MAX_VALUE) ? Double.NaN : min, back, killed.rate(5, killed.end())));
			StringBuilder timeline = new StringBuilder();
			double until = Math.min(killed.end(), killed.killedAt + Math.max(killed.lanesBackAfter, 0) + 6);
			for (double t = killed.killedAt - 4; t + 1 <= until; t += 1) {
				timeline.append(String.format(Locale.ROOT, " %+.0f s: %.0f;", t - killed.killedAt,
						killed.rate(t, t + 1)));
			}
			r.add("");
			r.add("Items/s in 1-s windows around the kill (start of the window relative to the kill):"
					+ timeline.toString().replaceAll(";$", "."));
		}
	}

	private static String mib(long[] kb) {
		if (kb == null) {
			return "";
		}
		return fmt(kb[0]) + " / " + fmt(kb[1]);
	}

	private static String fmt(long kb) {
		return (kb < 0) ? "-" : String.format(Locale.ROOT, "%.0f", kb / 1024.0);
	}

	private static double ms(long nanos) {
		return nanos / 1e6;
	}

}
