package com.acme.confirm.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention purge: completed events past retention are deleted, PENDING ones are
 * kept, and the chain verifies from where the purge left it.
 */
class AuditRetentionTests extends IntegrationTests {

	private final AuditTrailApi auditTrail = new AuditTrailApi(() -> this.api, this.idp);

	private final AuditRepository repository;

	AuditRetentionTests(AuditRepository repository) {
		this.repository = repository;
	}

	@Test
	void purgeWhenPastRetentionThenOldCompletedEventsGoneChainStillValidPendingKept() {
		String username = newUsername("old");
		this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", username));
		String pendingId = java.util.UUID.randomUUID().toString();
		this.database.update("INSERT INTO audit_event (id, occurred_at, action, outcome, actor_subject, actor_roles, "
				+ "target_user_pool_id, client_metadata_keys, correlation_id) VALUES ('" + pendingId
				+ "', TIMESTAMP WITH TIME ZONE '2001-01-01 00:00:00+00', 'ADMIN_CONFIRM_SIGN_UP', 'PENDING', "
				+ "'someone', '[]', 'eu-west-1_X1', '[]', 'c')");
		AuditProperties properties = new AuditProperties(Duration.ofDays(30), "-", Duration.ofMinutes(5),
				Duration.ofSeconds(30), true);
		Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(31)), ZoneOffset.UTC);

		new AuditRetention(this.repository, properties, later).purge();
		String afterPurge = newUsername("after-purge");
		this.api.adminConfirm(TestPools.CUSTOMERS, agent(), Map.of("username", afterPurge));

		assertThat(this.auditTrail.events("username=" + username)).isEmpty();
		assertThat(this.auditTrail.events("outcome=PENDING&to=2002-01-01T00:00:00Z"))
			.extracting((e) -> e.path("id").asString())
			.contains(pendingId);
		JsonNode verification = this.auditTrail.verification();
		assertThat(verification.path("valid").asBoolean()).isTrue();
		assertThat(verification.path("checkedEvents").asLong()).isEqualTo(1);
		assertThat(verification.path("firstSeq").asLong()).isGreaterThan(1);
	}

}
