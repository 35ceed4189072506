package com.acme.confirm.job;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
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

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The jobs' and their items' rows. Counts are kept on the job row, moved in the same
 * transaction as the item that ends, so that reading a job costs one row whatever its
 * size. It stays whole past 200 lines: the conditional updates on the two tables (state
 * changes, an item's one outcome, the end of a job) only make sense read together.
 */
@Repository
class JobRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String JOB_COLUMNS = "id, user_pool_id, state, dry_run, selection, query_status, "
			+ "query_created_after, query_created_before, query_attribute_name, query_attribute_prefix, "
			+ "listing_token, listed, reason, client_metadata, mark_email_verified, actor_subject, actor_issuer, "
			+ "actor_client_id, actor_roles, correlation_id, source_ip, user_agent, lanes, total, confirmed, "
			+ "already_confirmed, would_confirm, failed, created_at, started_at, finished_at, audit_event_id";

	private static final String ITEM_COLUMNS = "seq, username, state, attempt_id, outcome, problem, audit_event_id, "
			+ "completed_at";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	JobRepository(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
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

	/** Adds items, numbered on from {@code firstSeq}, to their lanes. */
	void insertItems(UUID jobId, int lanes, long firstSeq, List<String> usernames) {
		Object[][] rows = new Object[usernames.size()][];
		for (int i = 0; i < rows.length; i++) {
			long seq = firstSeq + i;
			rows[i] = new Object[] { jobId, seq, (int) (seq % lanes), usernames.get(i) };
		}
		this.jdbcTemplate.batchUpdate(
				"INSERT INTO confirmation_job_item (job_id, seq, lane, username, state) VALUES (?, ?, ?, ?, 'PENDING')",
				Arrays.asList(rows));
	}

	/** Adds the items of a listed page that are not in yet; how many were added. */
	int insertListedItems(UUID jobId, int lanes, List<String> usernames) {
		long next = this.jdbc.sql("SELECT total FROM confirmation_job WHERE id = ? FOR UPDATE")
			.param(jobId)
			.query(Long.class)
			.single();
		List<String> fresh = usernames.stream()
			.filter((username) -> this.jdbc
				.sql("SELECT COUNT(*) FROM confirmation_job_item WHERE job_id = ? AND username = ?")
				.params(jobId, username)
				.query(Long.class)
				.single() == 0)
			.toList();
		insertItems(jobId, lanes, next, fresh);
		this.jdbc.sql("UPDATE confirmation_job SET total = total + ? WHERE id = ?")
			.params(fresh.size(), jobId)
			.update();
		return fresh.size();
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

	/** A lane's next items without an outcome, in order. */
	List<ItemRow> laneItems(UUID jobId, int lane, int limit) {
		return this.jdbc
			.sql("SELECT " + ITEM_COLUMNS + " FROM confirmation_job_item WHERE job_id = ? AND lane = ? "
					+ "AND state <> 'DONE' ORDER BY seq LIMIT " + limit)
			.params(jobId, lane)
			.query(JobRepository::item)
			.list();
	}

	/** Records the id the item's attempt is audited under, before the attempt starts. */
	void markInFlight(UUID jobId, long seq, UUID attemptId) {
		this.jdbc
			.sql("UPDATE confirmation_job_item SET state = 'IN_FLIGHT', attempt_id = ? WHERE job_id = ? AND seq = ? "
					+ "AND state <> 'DONE'")
			.params(attemptId, jobId, seq)
			.update();
	}

	/**
	 * Records the item's outcome, once: an item that has one keeps it.
	 * @return whether it was recorded now (the job's counts moved with it)
	 */
	boolean complete(UUID jobId, long seq, ItemOutcome outcome, @Nullable ProblemDetail problem,
			@Nullable UUID auditEventId, Instant now) {
		int updated = this.jdbc
			.sql("UPDATE confirmation_job_item SET state = 'DONE', outcome = ?, problem = ?, audit_event_id = ?, "
					+ "completed_at = ? WHERE job_id = ? AND seq = ? AND state <> 'DONE'")
			.params(outcome.name(), (problem != null) ? writeProblem(problem) : null, auditEventId, utc(now), jobId,
					seq)
			.update();
		if (updated == 1) {
			this.jdbc
				.sql("UPDATE confirmation_job SET " + outcome.counter() + " = " + outcome.counter()
						+ " + 1 WHERE id = ?")
				.param(jobId)
				.update();
		}
		return updated == 1;
	}

	/** A page of the job's items in order, after {@code afterSeq}. */
	List<ItemRow> items(UUID jobId, @Nullable ItemOutcome outcome, long afterSeq, int limit) {
		if (outcome == null) {
			return this.jdbc
				.sql("SELECT " + ITEM_COLUMNS + " FROM confirmation_job_item WHERE job_id = ? AND seq > ? "
						+ "ORDER BY seq LIMIT " + limit)
				.params(jobId, afterSeq)
				.query(JobRepository::item)
				.list();
		}
		return this.jdbc
			.sql("SELECT " + ITEM_COLUMNS + " FROM confirmation_job_item WHERE job_id = ? AND outcome = ? "
					+ "AND seq > ? ORDER BY seq LIMIT " + limit)
			.params(jobId, outcome.name(), afterSeq)
			.query(JobRepository::item)
			.list();
	}

	/** Items without an outcome, of all unfinished jobs. */
	long queueDepth() {
		return this.jdbc
			.sql("SELECT COALESCE(SUM(total - confirmed - already_confirmed - would_confirm - failed), 0) "
					+ "FROM confirmation_job WHERE state IN ('QUEUED', 'RUNNING', 'PAUSED')")
			.query(Long.class)
			.single();
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

	private static ItemRow item(ResultSet rs, int rowNum) throws SQLException {
		String outcome = rs.getString("outcome");
		String problem = rs.getString("problem");
		return new ItemRow(rs.getLong("seq"), rs.getString("username"), rs.getString("state"),
				rs.getObject("attempt_id", UUID.class), (outcome != null) ? ItemOutcome.valueOf(outcome) : null,
				(problem != null) ? readProblem(problem) : null, rs.getObject("audit_event_id", UUID.class),
				instant(rs, "completed_at"));
	}

	private static String writeProblem(ProblemDetail problem) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("type", String.valueOf(problem.getType()));
		fields.put("title", problem.getTitle());
		fields.put("status", problem.getStatus());
		fields.put("detail", problem.getDetail());
		fields.put("instance", (problem.getInstance() != null) ? problem.getInstance().toString() : null);
		if (problem.getProperties() != null) {
			fields.put("properties", problem.getProperties());
		}
		return JSON.writeValueAsString(fields);
	}

	@SuppressWarnings("unchecked")
	private static ProblemDetail readProblem(String json) {
		Map<String, Object> fields = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
		});
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatusCode.valueOf((Integer) fields.get("status")));
		problem.setType(URI.create((String) fields.get("type")));
		problem.setTitle((String) fields.get("title"));
		problem.setDetail((String) fields.get("detail"));
		if (fields.get("instance") != null) {
			problem.setInstance(URI.create((String) fields.get("instance")));
		}
		Object properties = fields.get("properties");
		if (properties instanceof Map<?, ?> map) {
			((Map<String, Object>) map).forEach(problem::setProperty);
		}
		return problem;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
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

	/**
	 * An item's row.
	 * @param seq its place in the job
	 * @param username the user
	 * @param state PENDING, IN_FLIGHT or DONE
	 * @param attemptId the audit event id of its attempt in flight
	 * @param outcome its outcome
	 * @param problem its problem
	 * @param auditEventId the audit event of its outcome
	 * @param completedAt when it got it
	 */
	/** A job queued or running, and the items it has left if they are all listed. */
	record ActiveJob(UUID id, String userPoolId, @Nullable Long remaining) {
	}

	record ItemRow(long seq, String username, String state, @Nullable UUID attemptId, @Nullable ItemOutcome outcome,
			@Nullable ProblemDetail problem, @Nullable UUID auditEventId, @Nullable Instant completedAt) {

		boolean inFlight() {
			return "IN_FLIGHT".equals(this.state);
		}

	}

}
