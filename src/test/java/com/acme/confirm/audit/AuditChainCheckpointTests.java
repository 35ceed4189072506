package com.acme.confirm.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.ProblemAssert;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incremental verification from the checkpoint: it moves to the head verified, re-checks
 * its own link, starts from the purged link once the purge has passed it, and leaves an
 * edit of an older link to the full verification.
 */
class AuditChainCheckpointTests extends IntegrationTests {

	private final AuditTrailApi auditTrail = new AuditTrailApi(() -> this.api, this.idp);

	private final AuditRepository repository;

	AuditChainCheckpointTests(AuditRepository repository) {
		this.repository = repository;
	}

	@Test
	void incrementalWhenNewLinksThenOnlyTheyAreCheckedAndCheckpointAdvancesToHead() {
		long before = this.auditTrail.incrementalVerification().path("lastSeq").asLong();
		for (int i = 0; i < 3; i++) {
			audited("advance");
		}

		JsonNode verification = this.auditTrail.incrementalVerification();

		assertThat(verification.path("valid").asBoolean()).isTrue();
		assertThat(verification.path("full").asBoolean()).isFalse();
		assertThat(verification.path("checkpointSeq").asLong()).isEqualTo(before);
		assertThat(verification.path("firstSeq").asLong()).isEqualTo(before + 1);
		assertThat(verification.path("lastSeq").asLong()).isEqualTo(before + 3);
		assertThat(verification.path("checkedEvents").asLong()).isEqualTo(3);
		assertThat(Instant.parse(verification.path("verifiedAt").asString())).isBetween(Instant.now().minusSeconds(60),
				Instant.now());
		assertThat(this.database.rows("SELECT verified_seq, verified_hash FROM audit_chain_checkpoint"))
			.containsExactly(List.of(String.valueOf(before + 3), hashAt(before + 3)));
	}

	@Test
	void incrementalWhenAlreadyVerifiedLinkTamperedThenStillValidButFullVerificationFindsIt() {
		long tampered = audited("tampered-later");
		audited("after-it");
		long checkpoint = this.auditTrail.incrementalVerification().path("lastSeq").asLong();
		this.database.update("UPDATE audit_event SET reason = 'edited afterwards' WHERE chain_seq = ?", tampered);

		JsonNode incremental = this.auditTrail.incrementalVerification();
		JsonNode full = this.auditTrail.verification();
		this.database.update("UPDATE audit_event SET reason = NULL WHERE chain_seq = ?", tampered);

		// What an incremental verification does not prove: links before its checkpoint
		// are not re-hashed.
		assertThat(incremental.path("valid").asBoolean()).isTrue();
		assertThat(incremental.path("checkpointSeq").asLong()).isEqualTo(checkpoint);
		assertThat(incremental.path("checkedEvents").asLong()).isZero();
		assertThat(full.path("valid").asBoolean()).isFalse();
		assertThat(full.path("full").asBoolean()).isTrue();
		assertThat(full.path("brokenAtSeq").asLong()).isEqualTo(tampered);
		assertThat(full.path("problem").asString()).contains("content");
		assertThat(this.auditTrail.verification().path("valid").asBoolean()).isTrue();
	}

	@Test
	void incrementalWhenCheckpointLinkTamperedThenReportedAtIt() {
		audited("checkpoint-link");
		long checkpoint = this.auditTrail.incrementalVerification().path("lastSeq").asLong();
		this.database.update("UPDATE audit_event SET reason = 'edited afterwards' WHERE chain_seq = ?", checkpoint);

		JsonNode tampered = this.auditTrail.incrementalVerification();
		this.database.update("UPDATE audit_event SET reason = NULL WHERE chain_seq = ?", checkpoint);

		assertThat(tampered.path("valid").asBoolean()).isFalse();
		assertThat(tampered.path("brokenAtSeq").asLong()).isEqualTo(checkpoint);
		assertThat(tampered.path("problem").asString()).contains("content");
		assertThat(this.database.rows("SELECT verified_seq FROM audit_chain_checkpoint"))
			.as("a broken chain leaves the checkpoint where it was")
			.containsExactly(List.of(String.valueOf(checkpoint)));
		assertThat(this.auditTrail.incrementalVerification().path("valid").asBoolean()).isTrue();
	}

	@Test
	void incrementalWhenPurgedPastCheckpointThenStartsFromPurgedLink() {
		audited("before-purge");
		long checkpoint = this.auditTrail.incrementalVerification().path("lastSeq").asLong();
		long purged = audited("purged");
		// Every completed event so far, the checkpoint's and the next one's included.
		new AuditRetention(this.repository,
				new AuditProperties(Duration.ofDays(1), "-", Duration.ofMinutes(5), Duration.ofSeconds(30), true),
				Clock.offset(Clock.systemUTC(), Duration.ofDays(1)))
			.purge();
		long kept = audited("kept");

		JsonNode verification = this.auditTrail.incrementalVerification();

		assertThat(this.database.rows("SELECT purged_through_seq FROM audit_chain_head"))
			.containsExactly(List.of(String.valueOf(purged)));
		assertThat(purged).isGreaterThan(checkpoint);
		assertThat(verification.path("valid").asBoolean()).isTrue();
		assertThat(verification.has("checkpointSeq")).isFalse();
		assertThat(verification.path("firstSeq").asLong()).isEqualTo(kept);
		assertThat(verification.path("lastSeq").asLong()).isEqualTo(kept);
		assertThat(verification.path("checkedEvents").asLong()).isEqualTo(1);
		assertThat(this.auditTrail.incrementalVerification().path("checkpointSeq").asLong()).isEqualTo(kept);
	}

	@Test
	void verificationWhenFullIsNotABooleanThenValidationFailed() {
		ProblemAssert.assertProblem(this.auditTrail.verificationResponse("?full=maybe"), 400, "VALIDATION_FAILED");
	}

	/** One audited attempt (a support agent denied a confirm); its link's position. */
	private long audited(String prefix) {
		String username = newUsername(prefix);
		this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", username));
		List<List<String>> rows = this.database.rows("SELECT chain_seq FROM audit_event WHERE target_username = ?",
				username);
		assertThat(rows).hasSize(1);
		return Long.parseLong(rows.get(0).get(0));
	}

	private String hashAt(long seq) {
		return this.database.rows("SELECT hash FROM audit_event WHERE chain_seq = ?", seq).get(0).get(0);
	}

}
