package com.acme.confirm.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * The last link of the hash chain that a verification found intact.
 *
 * @param seq the link's position (0 before any verification: the chain's genesis)
 * @param hash the link's hash as that verification read it
 * @param verifiedAt when that verification ended; null before any
 */
record ChainCheckpoint(long seq, String hash, @Nullable Instant verifiedAt) {

	static ChainCheckpoint read(ResultSet rs, int rowNum) throws SQLException {
		OffsetDateTime verifiedAt = rs.getObject("verified_at", OffsetDateTime.class);
		return new ChainCheckpoint(rs.getLong("verified_seq"), rs.getString("verified_hash"),
				(verifiedAt != null) ? verifiedAt.toInstant() : null);
	}

}
