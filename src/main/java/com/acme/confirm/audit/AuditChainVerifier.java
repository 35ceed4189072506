package com.acme.confirm.audit;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Recomputes the audit trail's hash chain from the last purged link to its head.
 */
@Component
class AuditChainVerifier {

	private static final int VERIFY_BATCH = 1000;

	private final JdbcClient jdbc;

	AuditChainVerifier(JdbcTemplate jdbcTemplate) {
		this.jdbc = JdbcClient.create(jdbcTemplate);
	}

	/**
	 * Walks the chain from the last purged link and reports the first link that does not
	 * hold.
	 */
	ChainVerification verify() {
		AuditRepository.ChainHead head = this.jdbc.sql(AuditRepository.HEAD)
			.query(AuditRepository.ChainHead::read)
			.single();
		long expectedSeq = head.purgedThroughSeq() + 1;
		String prevHash = head.purgedThroughHash();
		long checked = 0;
		while (true) {
			List<ChainedRow> batch = this.jdbc
				.sql("SELECT " + AuditRow.COLUMNS
						+ ", chain_seq, prev_hash, hash FROM audit_event WHERE chain_seq >= ? "
						+ "ORDER BY chain_seq LIMIT " + VERIFY_BATCH)
				.param(expectedSeq)
				.query((rs, rowNum) -> new ChainedRow(AuditRow.read(rs), rs.getLong("chain_seq"),
						rs.getString("prev_hash"), rs.getString("hash")))
				.list();
			for (ChainedRow link : batch) {
				String problem = null;
				if (link.seq() != expectedSeq) {
					problem = "link " + expectedSeq + " is missing";
				}
				else if (!prevHash.equals(link.prevHash())) {
					problem = "its previous-hash does not match link " + (expectedSeq - 1);
				}
				else if (!link.row().chainHash(link.seq(), prevHash).equals(link.hash())) {
					problem = "its content does not match its hash";
				}
				if (problem != null) {
					return ChainVerification.broken(checked, expectedSeq, link.row().id(), problem);
				}
				prevHash = link.hash();
				expectedSeq++;
				checked++;
			}
			if (batch.size() < VERIFY_BATCH) {
				break;
			}
		}
		if (expectedSeq - 1 != head.lastSeq() || !prevHash.equals(head.lastHash())) {
			return ChainVerification.broken(checked, expectedSeq, null,
					"the chain ends before its head (link " + head.lastSeq() + ")");
		}
		return ChainVerification.valid(checked, head.purgedThroughSeq(), head.lastSeq());
	}

	private record ChainedRow(AuditRow row, long seq, String prevHash, String hash) {
	}

}
