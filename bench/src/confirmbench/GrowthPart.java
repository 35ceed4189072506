package confirmbench;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.apache.hc.client5.http.classic.methods.HttpGet;

/**
 * Part 4, how cost grows: confirm and audit-query latency, PostgreSQL CPU per confirm and
 * memory of the warm service with the audit table seeded to each of BENCH_GROWTH rows.
 */
final class GrowthPart {

	private final Bench bench;

	private final Config config;

	private final Report report;

	private final Sql sql;

	GrowthPart(Bench bench) {
		this.bench = bench;
		this.config = bench.config;
		this.report = bench.report;
		this.sql = bench.sql;
	}

	void run(Service service) throws Exception {
		this.report.add("");
		this.report.add("### 4. How cost grows with the audit table (stand-in `"
				+ ((this.bench.standIn instanceof StandIn.JdkStandIn) ? StandIn.JDK : StandIn.WIREMOCK)
				+ "`, the same warm service)");
		this.report.add("");
		List<Long> sizes = this.config.growth();
		String auditUrl = "http://127.0.0.1:" + service.port + "/api/v1/audit-events?username=user-4567%40example.com";
		String bearer = "Bearer " + this.bench.oauth.auditorToken;
		Load.Call audit = (caller, seq) -> {
			HttpGet get = new HttpGet(auditUrl);
			get.setHeader("Authorization", bearer);
			this.bench.http.expect(get, 200);
		};
		// Seeded events lie in the past, one every 3 s up to 40 days ago: the service's
		// own are the newest.
		Instant base = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		this.sql.execute("TRUNCATE " + this.config.schema + ".audit_event");
		resetHead();
		long seeded = 0;
		this.report.add("| rows | seeding | confirm p50 / p99, 1 caller | confirm at 16 callers: ops/s (p50 / p99) | "
				+ "`GET /audit-events?username=` p50 / p99, 1 caller | PG CPU ms per confirm | table + indexes | "
				+ "service RSS |");
		this.report.add("|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (long size : sizes) {
			Report.progress("growth: seeding to " + size + " rows");
			long t0 = System.nanoTime();
			seed(base, seeded + 1, size);
			this.sql.execute("VACUUM ANALYZE " + this.config.schema + ".audit_event");
			double seedSeconds = (System.nanoTime() - t0) / 1e9;
			seeded = size;
			long rows = count();
			Report.progress("growth: measuring at " + rows + " rows");
			Cpu.Sample c0 = this.bench.cpu.sample(service.pid());
			Load.Result c1 = Load.run("confirm", 1, Duration.ofSeconds(1), this.config.seconds,
					this.bench.viaService(service));
			Cpu.Sample pg = this.bench.cpu.sample(service.pid()).minus(c0);
			Load.Result c16 = Load.run("confirm", 16, Duration.ofSeconds(1), this.config.seconds,
					this.bench.viaService(service));
			Load.Result a1 = Load.run("audit", 1, Duration.ofSeconds(1), this.config.seconds, audit);
			String size2 = this.sql
				.querySingle("SELECT pg_size_pretty(pg_total_relation_size('" + this.config.schema + ".audit_event'))");
			long errors = c1.errors() + c16.errors() + a1.errors();
			this.report.add(String.format(Locale.ROOT,
					"| %,d | %.0f s | %.2f / %.2f ms | %.0f (%.2f / %.2f ms) | %.2f / %.2f ms | %.2f | %s | %.0f MiB |%s",
					rows, seedSeconds, c1.p50Ms(), c1.p99Ms(), c16.throughput(), c16.p50Ms(), c16.p99Ms(), a1.p50Ms(),
					a1.p99Ms(), 1000 * pg.postgres() / c1.allCalls(), size2, service.rssKb() / 1024.0,
					(errors > 0) ? " errors: " + errors + " (" + c1.firstError() + " / " + c16.firstError() + " / "
							+ a1.firstError() + ")" : ""));
			// the next size exactly: the measurement's own events go
			this.sql.execute("DELETE FROM " + this.config.schema + ".audit_event WHERE actor_subject LIKE 'bench-%'");
			resetHead();
		}
		this.report.add("");
		this.report.add("Rows seeded like bench/audit-query-plans.sh (20 pools, 200,000 usernames, 300 actors, one "
				+ "event every 3 s, 0.1% PENDING, all 8 indexes) plus the service's own from the measurement, deleted "
				+ "before the next size. The GET reads `user-4567@example.com` (1 to 5 events) through the username "
				+ "index.");
	}

	/** Rows {@code from} to {@code to}, as bench/audit-query-plans.sh seeds them. */
	private void seed(Instant base, long from, long to) throws SQLException {
		this.sql.execute("""
				INSERT INTO %s.audit_event (id, occurred_at, completed_at, action, outcome, error_code, actor_subject,
				    actor_issuer, actor_roles, target_user_pool_id, target_username, client_metadata_keys, correlation_id,
				    duration_ms, chain_seq, prev_hash, hash)
				SELECT gen_random_uuid(),
				       timestamptz '%s' + (i * interval '3 seconds'),
				       CASE WHEN i %% 1000 = 0 THEN NULL ELSE timestamptz '%s' + (i * interval '3 seconds') + interval '80 ms' END,
				       (ARRAY['ADMIN_CONFIRM_SIGN_UP','CONFIRM_SIGN_UP','GET_USER_STATUS'])[1 + i %% 3],
				       CASE WHEN i %% 1000 = 0 THEN 'PENDING' ELSE (ARRAY['CONFIRMED','ALREADY_CONFIRMED','FAILED','DENIED','SUCCEEDED'])[1 + i %% 5] END,
				       NULL,
				       'staff-' || (i %% 300),
				       'https://idp.example.com/realms/acme',
				       '["support-agent"]',
				       'eu-west-1_Pool' || (i %% 20),
				       'user-' || (i %% 200000) || '@example.com',
				       '[]',
				       md5(i::text),
				       80,
				       CASE WHEN i %% 1000 = 0 THEN NULL ELSE -i END,
				       CASE WHEN i %% 1000 = 0 THEN NULL ELSE md5((i - 1)::text) || md5((i - 1)::text) END,
				       CASE WHEN i %% 1000 = 0 THEN NULL ELSE md5(i::text) || md5(i::text) END
				FROM generate_series(%d, %d) AS i
				""".formatted(this.config.schema, base, base, from, to));
	}

	private void resetHead() throws SQLException {
		this.sql.execute("UPDATE " + this.config.schema + ".audit_chain_head SET last_seq = 0, last_hash = '"
				+ "0".repeat(64) + "' WHERE id = 1");
	}

	private long count() throws SQLException {
		return Long.parseLong(this.sql.querySingle("SELECT count(*) FROM " + this.config.schema + ".audit_event"));
	}

}
