package confirmbench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.HdrHistogram.Histogram;

/**
 * One CSV confirmation job, created on one replica and watched from the driver: its
 * getConfirmationJob polled every 200 ms (each answer's latency kept), the done count over
 * time, both replicas' RSS at 1k, 10k and 100k done items and at the end, and, when asked,
 * the other replica killed with SIGKILL at BENCH_JOB_KILL_AT of the items and the job's lanes watched in PostgreSQL
 * until every one of them has finished an item again.
 */
final class JobRun {

	static final long POLL_MS = 200;

	static final List<Integer> CHECKPOINTS = List.of(1000, 10000, 100000);

	private static final Pattern JOB_ID = Pattern.compile("\"jobId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");

	/** A done-count sample: seconds since the job was created, items with an outcome. */
	record Sample(double seconds, long done) {
	}

	final int size;

	final Histogram getLatency = new Histogram(60_000_000_000L, 3);

	final List<Sample> samples = new ArrayList<>();

	/** RSS in KiB of each replica (-1: killed) at each checkpoint reached, and "end". */
	final Map<String, long[]> rss = new LinkedHashMap<>();

	final Map<String, Long> counts = new LinkedHashMap<>();

	String state;

	double killedAt = -1;

	long doneAtKill;

	/** Seconds from the kill until every lane had finished an item again; -1: never. */
	double lanesBackAfter = -1;

	private final Bench bench;

	JobRun(Bench bench, int size) {
		this.bench = bench;
		this.size = size;
	}

	/**
	 * Runs the job to its end. {@code polled} is where it is created and read;
	 * {@code other} is killed at BENCH_JOB_KILL_AT when {@code kill}.
	 */
	JobRun run(String tag, Service polled, Service other, boolean kill, double timeoutSeconds) throws Exception {
		String base = "http://127.0.0.1:" + polled.port;
		String csv = "username\n" + IntStream.range(0, this.size)
			.mapToObj((i) -> "job" + tag + "-" + i)
			.collect(Collectors.joining("\n")) + "\n";
		HttpPost post = new HttpPost(base + JobsPart.JOBS_PATH + "?reason=bench");
		post.setHeader("Authorization", "Bearer " + this.bench.oauth.adminToken);
		post.setEntity(new StringEntity(csv, ContentType.create("text/csv", "UTF-8")));
		long t0 = System.nanoTime();
		String created = this.bench.http.body(post, 202);
		Matcher id = JOB_ID.matcher(created);
		if (!id.find()) {
			throw new IllegalStateException("no jobId in " + created);
		}
		UUID jobId = UUID.fromString(id.group(1));
		Report.progress("jobs: job " + tag + " (" + this.size + " items) created: " + jobId);
		Map<Integer, long[]> lanesAtKill = null;
		long next = System.nanoTime();
		while (true) {
			next += POLL_MS * 1_000_000;
			long sleep = next - System.nanoTime();
			if (sleep > 0) {
				Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
			}
			HttpGet get = new HttpGet(base + "/api/v1/confirmation-jobs/" + jobId);
			get.setHeader("Authorization", "Bearer " + this.bench.oauth.adminToken);
			long g0 = System.nanoTime();
			String job = this.bench.http.body(get, 200);
			long g1 = System.nanoTime();
			this.getLatency.recordValue(g1 - g0);
			double seconds = (g1 - t0) / 1e9;
			for (String count : List.of("total", "confirmed", "alreadyConfirmed", "failed", "remaining")) {
				Matcher m = Pattern.compile("\"" + count + "\"\\s*:\\s*(\\d+)").matcher(job);
				this.counts.put(count, m.find() ? Long.parseLong(m.group(1)) : -1);
			}
			Matcher s = STATE.matcher(job);
			this.state = s.find() ? s.group(1) : "?";
			long done = this.size - this.counts.get("remaining");
			this.samples.add(new Sample(seconds, done));
			for (int checkpoint : CHECKPOINTS) {
				if (checkpoint <= this.size && done >= checkpoint && !this.rss.containsKey(label(checkpoint))) {
					this.rss.put(label(checkpoint), new long[] { polled.rssKb(), other.rssKb() });
					Report.progress("jobs: " + done + " done at " + String.format("%.1f s", seconds));
				}
			}
			if (kill && this.killedAt < 0 && done >= this.size * this.bench.config.jobKillAt()) {
				// Process.destroyForcibly is SIGKILL on Linux: no shutdown hook, no heartbeat
				other.process.destroyForcibly();
				this.killedAt = (System.nanoTime() - t0) / 1e9;
				other.process.waitFor();
				// counted after the kill: an item the dead replica finished before it is not
				// progress of a revived lane
				lanesAtKill = lanes(jobId);
				this.doneAtKill = done;
				Report.progress("jobs: killed " + other.label + " (pid " + other.pid() + ") at " + done + " done");
			}
			else if (lanesAtKill != null && this.lanesBackAfter < 0) {
				Map<Integer, long[]> now = lanes(jobId);
				Map<Integer, long[]> atKill = lanesAtKill;
				// a lane that had nothing left at the kill counts as progressing
				if (atKill.entrySet()
					.stream()
					.allMatch((e) -> e.getValue()[0] == e.getValue()[1]
							|| now.getOrDefault(e.getKey(), e.getValue())[0] > e.getValue()[0])) {
					this.lanesBackAfter = (System.nanoTime() - t0) / 1e9 - this.killedAt;
					Report.progress("jobs: every lane progressing again " + this.lanesBackAfter + " s after the kill");
				}
			}
			if (!this.state.equals("QUEUED") && !this.state.equals("RUNNING") && !this.state.equals("PAUSED")) {
				this.rss.put("end", new long[] { polled.rssKb(), other.process.isAlive() ? other.rssKb() : -1 });
				return this;
			}
			if (seconds > timeoutSeconds) {
				throw new IllegalStateException(
						"job " + jobId + " not finished after " + timeoutSeconds + " s: " + done + " done");
			}
		}
	}

	static String label(int checkpoint) {
		return (checkpoint >= 1000) ? (checkpoint / 1000) + "k" : Integer.toString(checkpoint);
	}

	/** Done and all items per lane, read from the job's items. */
	private Map<Integer, long[]> lanes(UUID jobId) throws SQLException {
		Map<Integer, long[]> lanes = new LinkedHashMap<>();
		try (Connection c = this.bench.sql.connect();
				PreparedStatement s = c.prepareStatement("SELECT lane, count(*) FILTER (WHERE state = 'DONE'), count(*) FROM "
						+ this.bench.config.schema + ".confirmation_job_item WHERE job_id = ? GROUP BY lane")) {
			s.setObject(1, jobId);
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					lanes.put(rs.getInt(1), new long[] { rs.getLong(2), rs.getLong(3) });
				}
			}
		}
		return lanes;
	}

	/** When the last item was done: the first sample with every item done. */
	double end() {
		return this.samples.stream()
			.filter((s) -> s.done() >= this.size)
			.findFirst()
			.orElse(this.samples.get(this.samples.size() - 1))
			.seconds();
	}

	/** Items per second between two times, from the samples nearest them. */
	double rate(double from, double to) {
		Sample a = at(from);
		Sample b = at(to);
		return (b.seconds() > a.seconds()) ? (b.done() - a.done()) / (b.seconds() - a.seconds()) : Double.NaN;
	}

	/** The last sample at or before the time (the first one if none). */
	Sample at(double seconds) {
		Sample found = this.samples.get(0);
		for (Sample s : this.samples) {
			if (s.seconds() > seconds) {
				break;
			}
			found = s;
		}
		return found;
	}

}
