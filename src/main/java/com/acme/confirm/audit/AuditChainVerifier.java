package com.acme.confirm.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the audit trail's hash chain from the checkpoint (or, in full, from the last
 * purged link) to its head, one verification at a time across every instance of the
 * service: the running one holds the checkpoint row's lock, and moves the checkpoint to
 * the head it verified when the chain holds.
 */
@Component
class AuditChainVerifier {

	private static final Logger log = LoggerFactory.getLogger(AuditChainVerifier.class);

	// SKIP LOCKED: a verification elsewhere holds the row, and this one does not wait for
	// it. The row always exists (V3 inserts it), so no row means it is locked.
	private static final String LOCK_CHECKPOINT = "SELECT verified_seq, verified_hash, verified_at "
			+ "FROM audit_chain_checkpoint WHERE id = 1 FOR UPDATE SKIP LOCKED";

	private static final String LINKS = "SELECT " + AuditRow.COLUMNS + ", chain_seq, prev_hash, hash FROM audit_event ";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ChainWalk.Links links;

	AuditChainVerifier(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.links = new JdbcLinks(this.jdbc);
		this.transactions = new TransactionTemplate(transactionManager);
		// Each read sees what was committed when it began, which is all the walk relies
		// on; not read-only: it holds the checkpoint's lock and moves the checkpoint.
		this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.clock = clock;
	}

	/**
	 * Verifies the chain, unless a verification is running already.
	 * @param full whether to re-hash every link from the last purged one, rather than
	 * those after the checkpoint
	 * @return the verdict, or empty when another verification holds the checkpoint
	 */
	Optional<ChainVerification> verify(boolean full) {
		Optional<ChainVerification> verdict = this.transactions.execute((status) -> {
			Optional<ChainCheckpoint> checkpoint = this.jdbc.sql(LOCK_CHECKPOINT)
				.query(ChainCheckpoint::read)
				.optional();
			if (checkpoint.isEmpty()) {
				return Optional.empty();
			}
			ChainWalk.Result result = ChainWalk.walk(this.links, checkpoint.get(), full, this.clock);
			ChainVerification verification = result.verification();
			ChainCheckpoint reached = result.reached();
			if (reached != null) {
				this.jdbc
					.sql("UPDATE audit_chain_checkpoint SET verified_seq = ?, verified_hash = ?, verified_at = ? "
							+ "WHERE id = 1")
					.params(reached.seq(), reached.hash(), AuditRow.utc(verification.verifiedAt()))
					.update();
				// The log keeps a copy of each verified link's hash outside the database.
				log.info("Audit chain verified ({}) through link {} with hash {}: {} links checked",
						full ? "full" : "incremental", reached.seq(), reached.hash(), verification.checkedEvents());
			}
			else {
				log.warn("Audit chain broken at link {} (event {}): {}", verification.brokenAtSeq(),
						verification.brokenEventId(), verification.problem());
			}
			return Optional.of(verification);
		});
		return (verdict != null) ? verdict : Optional.empty();
	}

	/**
	 * The chain as the database has it, each statement on its own.
	 */
	private static final class JdbcLinks implements ChainWalk.Links {

		private final JdbcClient jdbc;

		JdbcLinks(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public AuditRepository.ChainHead head() {
			return this.jdbc.sql(AuditRepository.HEAD).query(AuditRepository.ChainHead::read).single();
		}

		@Override
		public Optional<ChainWalk.Link> at(long seq) {
			return this.jdbc.sql(LINKS + "WHERE chain_seq = ?").param(seq).query((rs, rowNum) -> link(rs)).optional();
		}

		@Override
		public List<ChainWalk.Link> between(long fromSeq, long toSeq, int limit) {
			return this.jdbc.sql(LINKS + "WHERE chain_seq >= ? AND chain_seq <= ? ORDER BY chain_seq LIMIT " + limit)
				.params(fromSeq, toSeq)
				.query((rs, rowNum) -> link(rs))
				.list();
		}

		private static ChainWalk.Link link(ResultSet rs) throws SQLException {
			return new ChainWalk.Link(AuditRow.read(rs), rs.getLong("chain_seq"), rs.getString("prev_hash"),
					rs.getString("hash"));
		}

	}

}
