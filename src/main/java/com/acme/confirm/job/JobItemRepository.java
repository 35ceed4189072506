package com.acme.confirm.job;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static com.acme.confirm.job.JobRepository.instant;
import static com.acme.confirm.job.JobRepository.utc;

/**
 * The rows of a job's items: added in batches, read by lane or in pages, marked in flight
 * before an attempt and given their one outcome after it, the job's count moving with it
 * in the caller's transaction.
 */
@Repository
class JobItemRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ITEM_COLUMNS = "seq, username, state, attempt_id, outcome, problem, audit_event_id, "
			+ "completed_at";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	JobItemRepository(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = JdbcClient.create(jdbcTemplate);
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

	/** A lane's next items without an outcome, in order. */
	List<ItemRow> laneItems(UUID jobId, int lane, int limit) {
		return this.jdbc
			.sql("SELECT " + ITEM_COLUMNS + " FROM confirmation_job_item WHERE job_id = ? AND lane = ? "
					+ "AND state <> 'DONE' ORDER BY seq LIMIT " + limit)
			.params(jobId, lane)
			.query(JobItemRepository::item)
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
				.query(JobItemRepository::item)
				.list();
		}
		return this.jdbc
			.sql("SELECT " + ITEM_COLUMNS + " FROM confirmation_job_item WHERE job_id = ? AND outcome = ? "
					+ "AND seq > ? ORDER BY seq LIMIT " + limit)
			.params(jobId, outcome.name(), afterSeq)
			.query(JobItemRepository::item)
			.list();
	}

	/** Items without an outcome, of all unfinished jobs, counted from the jobs' rows. */
	long queueDepth() {
		return this.jdbc
			.sql("SELECT COALESCE(SUM(total - confirmed - already_confirmed - would_confirm - failed), 0) "
					+ "FROM confirmation_job WHERE state IN ('QUEUED', 'RUNNING', 'PAUSED')")
			.query(Long.class)
			.single();
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

	/**
	 * An item's row.
	 *
	 * @param seq its place in the job
	 * @param username the user
	 * @param state PENDING, IN_FLIGHT or DONE
	 * @param attemptId the audit event id of its attempt in flight
	 * @param outcome its outcome
	 * @param problem its problem
	 * @param auditEventId the audit event of its outcome
	 * @param completedAt when it got it
	 */
	record ItemRow(long seq, String username, String state, @Nullable UUID attemptId, @Nullable ItemOutcome outcome,
			@Nullable ProblemDetail problem, @Nullable UUID auditEventId, @Nullable Instant completedAt) {

		boolean inFlight() {
			return "IN_FLIGHT".equals(this.state);
		}

	}

}
