package com.acme.confirm.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads of the {@code audit_event} table that do not move the chain: the query of
 * {@code GET /audit-events} and the PENDING events the reconciler settles.
 */
@Repository
class AuditQueries {

	private final JdbcClient jdbc;

	AuditQueries(JdbcTemplate jdbcTemplate) {
		this.jdbc = JdbcClient.create(jdbcTemplate);
	}

	List<AuditRow> find(AuditQuery query, @Nullable Cursor after, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + AuditRow.COLUMNS + " FROM audit_event WHERE 1 = 1");
		List<Object> params = new ArrayList<>();
		condition(sql, params, "target_user_pool_id = ?", query.userPoolId());
		if (query.username() != null) {
			// canonical username, sub or identifier as given: any of the user's names
			sql.append(" AND (target_username = ? OR target_sub = ? OR target_identifier = ?)");
			params.addAll(List.of(query.username(), query.username(), query.username()));
		}
		condition(sql, params, "actor_subject = ?", query.actor());
		condition(sql, params, "action = ?", (query.action() != null) ? query.action().name() : null);
		condition(sql, params, "outcome = ?", (query.outcome() != null) ? query.outcome().name() : null);
		condition(sql, params, "occurred_at >= ?", (query.from() != null) ? utc(query.from()) : null);
		condition(sql, params, "occurred_at < ?", (query.to() != null) ? utc(query.to()) : null);
		if (after != null) {
			// The first condition is the index range;
			// the second breaks ties within one instant.
			sql.append(" AND occurred_at <= ? AND (occurred_at < ? OR id < ?)");
			params.add(utc(after.occurredAt()));
			params.add(utc(after.occurredAt()));
			params.add(after.id());
		}
		sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ").append(limit);
		return this.jdbc.sql(sql.toString()).params(params).query((rs, rowNum) -> AuditRow.read(rs)).list();
	}

	/**
	 * PENDING events that occurred before the cutoff, oldest first.
	 */
	List<AuditEvent> findPending(Instant before, int limit) {
		return this.jdbc
			.sql("SELECT " + AuditRow.COLUMNS + " FROM audit_event WHERE outcome = 'PENDING' AND occurred_at < ? "
					+ "ORDER BY occurred_at LIMIT " + limit)
			.param(utc(before))
			.query((rs, rowNum) -> AuditRow.read(rs).toEvent())
			.list();
	}

	/** The event with this id, if it was written. */
	Optional<AuditEvent> findById(UUID id) {
		return this.jdbc.sql("SELECT " + AuditRow.COLUMNS + " FROM audit_event WHERE id = ?")
			.param(id)
			.query((rs, rowNum) -> AuditRow.read(rs).toEvent())
			.optional();
	}

	/** How many events are PENDING, and when the oldest occurred. */
	PendingSummary pendingSummary() {
		return this.jdbc.sql("SELECT COUNT(*), MIN(occurred_at) FROM audit_event WHERE outcome = 'PENDING'")
			.query((rs, rowNum) -> {
				OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
				return new PendingSummary(rs.getLong(1), (oldest != null) ? oldest.toInstant() : null);
			})
			.single();
	}

	private static void condition(StringBuilder sql, List<Object> params, String condition, @Nullable Object value) {
		if (value != null) {
			sql.append(" AND ").append(condition);
			params.add(value);
		}
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? AuditRow.utc(instant) : null;
	}

	/**
	 * The PENDING events.
	 *
	 * @param count how many
	 * @param oldest when the oldest occurred
	 */
	record PendingSummary(long count, @Nullable Instant oldest) {
	}

	/**
	 * Where a page of events ends.
	 *
	 * @param occurredAt the last event's time
	 * @param id the last event's id
	 */
	record Cursor(Instant occurredAt, UUID id) {
	}

}
