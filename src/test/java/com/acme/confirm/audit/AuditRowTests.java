package com.acme.confirm.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRowTests {

	private static final UUID ID = UUID.randomUUID();

	@Test
	void chainHashWhenAValueMovesFromTheIdentityGroupToAnEarlierGroupThenTheHashChanges() {
		String asSub = row(null, "X").chainHash(7, AuditRow.GENESIS_HASH);
		String asStatus = row("X", null).chainHash(7, AuditRow.GENESIS_HASH);

		assertThat(asSub).isNotEqualTo(asStatus);
	}

	@Test
	void chainHashWhenNoColumnAddedLaterIsSetThenAsTheFirstSchemaHashedIt() {
		AuditRow first = row(null, null);

		assertThat(first.chainHash(7, AuditRow.GENESIS_HASH))
			.isEqualTo(row(null, null).chainHash(7, AuditRow.GENESIS_HASH));
		assertThat(first.chainHash(7, AuditRow.GENESIS_HASH)).isNotEqualTo(first.chainHash(8, AuditRow.GENESIS_HASH));
	}

	private static AuditRow row(@Nullable String userStatus, @Nullable String sub) {
		Instant at = Instant.parse("2026-12-02T10:00:00Z");
		return new AuditRow(ID, at, at.plusMillis(20), "ADMIN_CONFIRM_SIGN_UP", "CONFIRMED", null, "admin-1", null,
				null, "[]", "eu-west-1_AbCdEf123", "jane", null, null, "[]", "c0ffee", null, null, null, 20L,
				userStatus, null, null, sub, null, null, null, null, null);
	}

}
