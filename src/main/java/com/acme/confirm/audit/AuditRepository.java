package com.acme.confirm.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores audit events in the {@code audit_event} table and keeps the hash chain over the
 * completed ones. Every write that moves the chain (appending completions, purging its
 * oldest links) stays in this one class: each takes the chain head's row lock and keeps
 * the chain's invariants, which split across classes would be harder to see whole. The
 * verification reads the chain in {@link AuditChainVerifier}.
 */
@Repository
class AuditRepository {

	static final String HEAD = "SELECT last_seq, last_hash, purged_through_seq, purged_through_hash "
			+ "FROM audit_chain_head WHERE id = 1";

	private static final String COMPLETE = "UPDATE audit_event SET completed_at = ?, outcome = ?, error_code = ?, "
			+ "cognito_request_id = ?, duration_ms = ?, user_status = ?, email_verified_set = ?, reconciled = ?, "
			+ "target_username = ?, target_sub = ?, chain_seq = ?, prev_hash = ?, hash = ? "
			+ "WHERE id = ? AND chain_seq IS NULL";

	/** The most completions appended in one transaction. */
	private static final int MAX_APPEND = 64;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transactions;

	/**
	 * Completions that arrive while another is being appended wait and are appended
	 * together: one chain head lock, one batch of updates and one commit for all of them.
	 * A constraint one row breaks is retried row by row; a lost database fails them all.
	 */
	private final GroupCommit<AuditRow> appends = new GroupCommit<>(this::append, MAX_APPEND,
			DataIntegrityViolationException.class::isInstance);

	AuditRepository(JdbcTemplate jdbcTemplate, TransactionTemplate transactions) {
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.jdbcTemplate = jdbcTemplate;
		this.transactions = transactions;
	}

	void insertPending(AuditEvent event) {
		insert(AuditRow.of(event), null, null, null);
	}

	/**
	 * Completes the event's row (or inserts it whole, for an attempt that was never
	 * pending) and appends it to the hash chain, under the chain head's row lock; returns
	 * once that is committed. Completions that arrive together share one transaction.
	 */
	void complete(AuditEvent event) {
		this.appends.submit(AuditRow.of(event));
	}

	private void append(List<AuditRow> rows) {
		this.transactions.executeWithoutResult((status) -> {
			ChainHead head = lockHead();
			List<Link> links = new ArrayList<>(rows.size());
			long seq = head.lastSeq();
			String prevHash = head.lastHash();
			for (AuditRow row : rows) {
				seq++;
				Link link = new Link(row, seq, prevHash, row.chainHash(seq, prevHash));
				links.add(link);
				prevHash = link.hash();
			}
			int[] updated = this.jdbcTemplate.batchUpdate(COMPLETE, links.stream().map(Link::completion).toList());
			for (int i = 0; i < links.size(); i++) {
				if (updated[i] == 0) {
					Link link = links.get(i);
					insert(link.row(), link.seq(), link.prevHash(), link.hash());
				}
			}
			this.jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")
				.params(seq, prevHash)
				.update();
		});
	}

	/**
	 * Deletes the completed events that occurred before the cutoff, as a prefix of the
	 * chain whose last link becomes the new starting point of the verification.
	 * @return how many events were deleted
	 */
	int purgeBefore(Instant cutoff) {
		Integer deleted = this.transactions.execute((status) -> {
			ChainHead head = lockHead();
			Long firstKept = this.jdbc
				.sql("SELECT MIN(chain_seq) FROM audit_event WHERE chain_seq > ? AND occurred_at >= ?")
				.params(head.purgedThroughSeq(), utc(cutoff))
				.query(Long.class)
				.optional()
				.orElse(null);
			long through = (firstKept != null) ? firstKept - 1 : head.lastSeq();
			if (through <= head.purgedThroughSeq()) {
				return 0;
			}
			String throughHash = (through == head.lastSeq()) ? head.lastHash()
					: this.jdbc.sql("SELECT hash FROM audit_event WHERE chain_seq = ?")
						.param(through)
						.query(String.class)
						.single();
			int count = this.jdbc.sql("DELETE FROM audit_event WHERE chain_seq <= ?").param(through).update();
			this.jdbc.sql("UPDATE audit_chain_head SET purged_through_seq = ?, purged_through_hash = ? WHERE id = 1")
				.params(through, throughHash)
				.update();
			return count;
		});
		return (deleted != null) ? deleted : 0;
	}

	private ChainHead lockHead() {
		return this.jdbc.sql(HEAD + " FOR UPDATE").query(ChainHead::read).single();
	}

	private void insert(AuditRow row, @Nullable Long seq, @Nullable String prevHash, @Nullable String hash) {
		this.jdbc
			.sql("INSERT INTO audit_event (" + AuditRow.COLUMNS + ", chain_seq, prev_hash, hash) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(row.id(), utc(row.occurredAt()), utc(row.completedAt()), row.action(), row.outcome(),
					row.errorCode(), row.actorSubject(), row.actorIssuer(), row.actorClientId(), row.actorRoles(),
					row.targetUserPoolId(), row.targetUsername(), row.targetAppClientId(), row.reason(),
					row.clientMetadataKeys(), row.correlationId(), row.cognitoRequestId(), row.sourceIp(),
					row.userAgent(), row.durationMs(), row.userStatus(), row.emailVerifiedSet(), row.reconciled(),
					row.targetSub(), row.targetIdentifier(), row.jobId(), seq, prevHash, hash)
			.update();
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? AuditRow.utc(instant) : null;
	}

	/**
	 * The chain head row.
	 */
	record ChainHead(long lastSeq, String lastHash, long purgedThroughSeq, String purgedThroughHash) {

		// Mapped by hand: a property row mapper looks each column up by its Java name
		// first, and pgjdbc answers every miss with an exception (four per append).
		static ChainHead read(ResultSet rs, int rowNum) throws SQLException {
			return new ChainHead(rs.getLong("last_seq"), rs.getString("last_hash"), rs.getLong("purged_through_seq"),
					rs.getString("purged_through_hash"));
		}

	}

	/**
	 * A completed row and its place in the chain.
	 */
	private record Link(AuditRow row, long seq, String prevHash, String hash) {

		/** The parameters of {@link AuditRepository#COMPLETE}. */
		Object[] completion() {
			return new Object[] { utc(this.row.completedAt()), this.row.outcome(), this.row.errorCode(),
					this.row.cognitoRequestId(), this.row.durationMs(), this.row.userStatus(),
					this.row.emailVerifiedSet(), this.row.reconciled(), this.row.targetUsername(), this.row.targetSub(),
					this.seq, this.prevHash, this.hash, this.row.id() };
		}

	}

}
