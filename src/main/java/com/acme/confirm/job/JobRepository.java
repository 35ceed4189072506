package com.acme.confirm.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import com.acme.confirm.security.Caller;
import com.acme.confirm.web.RequestOrigin;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The jobs' rows: their state changes, each conditional on the state it leaves, and the
 * counts kept on the row (moved by {@link JobItemRepository} with the item that ends), so
 * that reading a job costs one row whatever its size. Past 200 lines for the mapping of
 * the row's 32 columns, which its insert and its reads share.
 */
@Repository
class JobRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String JOB_COLUMNS = "id, user_pool_id, state, dry_run, selection, query_status, "
			+ "query_created_after, query_created_before, query_attribute_name, query_attribute_prefix, "
			+ "listing_token, listed, reason, client_metadata, mark_email_verified, actor_subject, actor_issuer, "
			+ "actor_client_id, actor_roles, correlation_id, source_ip, user_agent, lanes, total, confirmed, "
			+ "already_confirmed, would_confirm, failed, created_at, started_at, finished_at, audit_event_id";

	private final JdbcClient jdbc;

	JobRepository(JdbcTemplate jdbcTemplate) {
		this.jdbc = JdbcClient.create(jdbcTemplate);
	}

	void insert(JobRow job) {
		CreateConfirmationJobRequest.JobQuery query = job.query();
		CreateConfirmationJobRequest.AttributePrefix attribute = (query != null) ? query.attribute() : null;
		this.jdbc
			.sql("INSERT INTO confirmation_job (" + JOB_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
					+ "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(job.id(), job.userPoolId(), job.state().name(), job.dryRun(), job.selection().name(),
					(query != null) ? query.statusOrDefault() : null,
					(query != null) ? utc(query.createdAfter()) : null,
					(query != null) ? utc(query.createdBefore()) : null, (attribute != null) ? attribute.name() : null,
					(attribute != null) ? attribute.prefix() : null, job.listingToken(), job.listed(), job.reason(),
					job.clientMetadata().isEmpty() ? null : JSON.writeValueAsString(job.clientMetadata()),
					job.markEmailVerified(), job.caller().subject(), job.caller().issuer(), job.caller().clientId(),
					String.join(",", new TreeSet<>(job.caller().roles())), job.correlationId(), job.origin().sourceIp(),
					job.origin().userAgent(), job.lanes(), job.total(), 0, 0, 0, 0, utc(job.createdAt()), null, null,
					job.auditEventId())
			.update();
	}

	void listingProgress(UUID jobId, @Nullable String nextToken) {
		this.jdbc.sql("UPDATE confirmation_job SET listing_token = ?, listed = ? WHERE id = ?")
			.params(nextToken, nextToken == null, jobId)
			.update();
	}

	void setTotal(UUID jobId, long total) {
		this.jdbc.sql("UPDATE confirmation_job SET total = ? WHERE id = ?").params(total, jobId).update();
	}

	Optional<JobRow> find(UUID jobId) {
		return this.jdbc.sql("SELECT " + JOB_COLUMNS + " FROM confirmation_job WHERE id = ?")
			.param(jobId)
			.query(JobRepository::job)
			.optional();
	}

	Optional<JobState> state(UUID jobId) {
		return this.jdbc.sql("SELECT state FROM confirmation_job WHERE id = ?")
			.param(jobId)
			.query((rs, rowNum) -> JobState.valueOf(rs.getString(1)))
			.optional();
	}

	/** A pool's jobs, newest first, after the cursor. */
	List<JobRow> findByPool(String userPoolId, @Nullable Cursor after, int limit) {
		String sql = "SELECT " + JOB_COLUMNS + " FROM confirmation_job WHERE user_pool_id = ?";
		if (after == null) {
			return this.jdbc.sql(sql + " ORDER BY created_at DESC, id DESC LIMIT " + limit)
				.param(userPoolId)
				.query(JobRepository::job)
				.list();
		}
		return this.jdbc
			.sql(sql + " AND created_at <= ? AND (created_at < ? OR id < ?) ORDER BY created_at DESC, id DESC LIMIT "
					+ limit)
			.params(userPoolId, utc(after.createdAt()), utc(after.createdAt()), after.id())
			.query(JobRepository::job)
			.list();
	}

	/** The unfinished jobs. */
	List<JobRow> findUnfinished() {
		return this.jdbc
			.sql("SELECT " + JOB_COLUMNS + " FROM confirmation_job WHERE state IN ('QUEUED', 'RUNNING', 'PAUSED')")
			.query(JobRepository::job)
			.list();
	}

	/**
	 * The jobs queued or running, all pools together, with the items each has left
	 * ({@code null} while its users are still being listed).
	 */
	List<ActiveJob> findActive() {
		return this.jdbc
			.sql("SELECT id, user_pool_id, CASE WHEN listed THEN total - confirmed - already_confirmed - would_confirm "
					+ "- failed END AS remaining FROM confirmation_job WHERE state IN ('QUEUED', 'RUNNING')")
			.query((rs, row) -> new ActiveJob(rs.getObject("id", UUID.class), rs.getString("user_pool_id"),
					rs.getObject("remaining", Long.class)))
			.list();
	}

	/**
	 * Moves the job from one of the states to another. A final state drops the job's
	 * clientMetadata values, kept only for its items' triggers.
	 * @return whether it was in one of them
	 */
	boolean transition(UUID jobId, List<JobState> from, JobState to, @Nullable Instant finishedAt) {
		String states = String.join(", ", from.stream().map((state) -> "'" + state.name() + "'").toList());
		return this.jdbc
			.sql("UPDATE confirmation_job SET state = ?, finished_at = COALESCE(?, finished_at), "
					+ "client_metadata = CASE WHEN ? THEN NULL ELSE client_metadata END WHERE id = ? "
					+ "AND state IN (" + states + ")")
			.params(to.name(), utc(finishedAt), to.isFinal(), jobId)
			.update() == 1;
	}

	/** A job is RUNNING, and started, once a lane runs. */
	void start(UUID jobId, Instant now) {
		this.jdbc
			.sql("UPDATE confirmation_job SET state = 'RUNNING', started_at = COALESCE(started_at, ?) WHERE id = ? "
					+ "AND state IN ('QUEUED', 'RUNNING')")
			.params(utc(now), jobId)
			.update();
	}

	/**
	 * Ends a running job whose items all have their outcome and whose users are all
	 * listed, dropping its clientMetadata values.
	 * @return whether it ended now
	 */
	boolean finishIfDone(UUID jobId, Instant now) {
		return this.jdbc
			.sql("UPDATE confirmation_job SET state = CASE WHEN failed > 0 THEN 'COMPLETED_WITH_FAILURES' "
					+ "ELSE 'SUCCEEDED' END, finished_at = ?, client_metadata = NULL WHERE id = ? "
					+ "AND state = 'RUNNING' AND listed "
					+ "AND NOT EXISTS (SELECT 1 FROM confirmation_job_item WHERE job_id = ? AND state <> 'DONE')")
			.params(utc(now), jobId, jobId)
			.update() == 1;
	}

	private static JobRow job(ResultSet rs, int rowNum) throws SQLException {
		String status = rs.getString("query_status");
		CreateConfirmationJobRequest.JobQuery query = null;
		if (status != null) {
			String attribute = rs.getString("query_attribute_name");
			query = new CreateConfirmationJobRequest.JobQuery(status, instant(rs, "query_created_after"),
					instant(rs, "query_created_before"),
					(attribute != null) ? new CreateConfirmationJobRequest.AttributePrefix(attribute,
							rs.getString("query_attribute_prefix")) : null);
		}
		String metadata = rs.getString("client_metadata");
		Map<String, String> clientMetadata = (metadata != null)
				? JSON.readValue(metadata, new TypeReference<LinkedHashMap<String, String>>() {
				}) : Map.of();
		String roles = rs.getString("actor_roles");
		Caller caller = new Caller(rs.getString("actor_subject"), rs.getString("actor_issuer"),
				rs.getString("actor_client_id"),
				roles.isEmpty() ? java.util.Set.of() : java.util.Set.of(roles.split(",")));
		return new JobRow(rs.getObject("id", UUID.class), rs.getString("user_pool_id"),
				JobState.valueOf(rs.getString("state")), rs.getBoolean("dry_run"),
				JobRow.Selection.valueOf(rs.getString("selection")), query, rs.getString("listing_token"),
				rs.getBoolean("listed"), rs.getString("reason"), clientMetadata, rs.getBoolean("mark_email_verified"),
				caller, rs.getString("correlation_id"),
				new RequestOrigin(rs.getString("source_ip"), rs.getString("user_agent")), rs.getInt("lanes"),
				rs.getLong("total"), rs.getLong("confirmed"), rs.getLong("already_confirmed"),
				rs.getLong("would_confirm"), rs.getLong("failed"), instant(rs, "created_at"), instant(rs, "started_at"),
				instant(rs, "finished_at"), rs.getObject("audit_event_id", UUID.class));
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	/**
	 * Where a page of jobs ends.
	 *
	 * @param createdAt the last job's creation time
	 * @param id the last job's id
	 */
	record Cursor(Instant createdAt, UUID id) {
	}

	/** A job queued or running, and the items it has left if they are all listed. */
	record ActiveJob(UUID id, String userPoolId, @Nullable Long remaining) {
	}

}
