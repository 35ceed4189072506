package com.acme.confirm.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit event as stored: lists as JSON text and times at the database's microsecond
 * precision, so that the hash computed when a row is written is the one recomputed from
 * what is read back.
 */
record AuditRow(UUID id, Instant occurredAt, @Nullable Instant completedAt, String action, String outcome,
		@Nullable String errorCode, String actorSubject, @Nullable String actorIssuer, @Nullable String actorClientId,
		String actorRoles, String targetUserPoolId, @Nullable String targetUsername, @Nullable String targetAppClientId,
		@Nullable String reason, String clientMetadataKeys, String correlationId, @Nullable String cognitoRequestId,
		@Nullable String sourceIp, @Nullable String userAgent, @Nullable Long durationMs, @Nullable String userStatus,
		@Nullable Boolean emailVerifiedSet, @Nullable Boolean reconciled, @Nullable String targetSub,
		@Nullable String targetIdentifier, @Nullable UUID jobId) {

	static final String GENESIS_HASH = "0".repeat(64);

	/** The columns of an event, in the order {@link #read} and the inserts use. */
	static final String COLUMNS = "id, occurred_at, completed_at, action, outcome, error_code, actor_subject, "
			+ "actor_issuer, actor_client_id, actor_roles, target_user_pool_id, target_username, "
			+ "target_app_client_id, reason, client_metadata_keys, correlation_id, cognito_request_id, source_ip, "
			+ "user_agent, duration_ms, user_status, email_verified_set, reconciled, target_sub, target_identifier, job_id";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	/**
	 * The row for an event, each value cut to its column's width: a rejected request may
	 * carry values longer than any valid one.
	 */
	static AuditRow of(AuditEvent event) {
		return new AuditRow(event.id(), micros(event.occurredAt()),
				(event.completedAt() != null) ? micros(event.completedAt()) : null, event.action().name(),
				event.outcome().name(), event.errorCode(), cut(event.actor().subject(), 255),
				cut(event.actor().issuer(), 1024), cut(event.actor().clientId(), 255),
				json(event.actor().roles().stream().sorted().toList(), 4000), cut(event.target().userPoolId(), 64),
				cut(event.target().username(), 256), cut(event.target().appClientId(), 128), cut(event.reason(), 1000),
				json(event.clientMetadataKeys(), 8000), cut(event.correlationId(), 64),
				cut(event.cognitoRequestId(), 128), cut(event.sourceIp(), 64), cut(event.userAgent(), 512),
				event.durationMs(), cut(event.userStatus(), 32), event.emailVerifiedSet(), event.reconciled(),
				cut(event.target().sub(), 64), cut(event.target().identifier(), 256), event.jobId());
	}

	private static @Nullable String cut(@Nullable String value, int max) {
		return (value != null && value.length() > max) ? value.substring(0, max) : value;
	}

	private static String json(List<String> values, int max) {
		List<String> fitting = values.stream().map((value) -> cut(value, 128)).toList();
		String json = JSON.writeValueAsString(fitting);
		while (json.length() > max) {
			fitting = fitting.subList(0, fitting.size() - 1);
			json = JSON.writeValueAsString(fitting);
		}
		return json;
	}

	static AuditRow read(ResultSet rs) throws SQLException {
		return new AuditRow(rs.getObject("id", UUID.class), instant(rs, "occurred_at"), instant(rs, "completed_at"),
				rs.getString("action"), rs.getString("outcome"), rs.getString("error_code"),
				rs.getString("actor_subject"), rs.getString("actor_issuer"), rs.getString("actor_client_id"),
				rs.getString("actor_roles"), rs.getString("target_user_pool_id"), rs.getString("target_username"),
				rs.getString("target_app_client_id"), rs.getString("reason"), rs.getString("client_metadata_keys"),
				rs.getString("correlation_id"), rs.getString("cognito_request_id"), rs.getString("source_ip"),
				rs.getString("user_agent"), rs.getObject("duration_ms", Long.class), rs.getString("user_status"),
				rs.getObject("email_verified_set", Boolean.class), rs.getObject("reconciled", Boolean.class),
				rs.getString("target_sub"), rs.getString("target_identifier"), rs.getObject("job_id", UUID.class));
	}

	AuditEvent toEvent() {
		return new AuditEvent(this.id, this.occurredAt, this.completedAt, AuditAction.valueOf(this.action),
				AuditOutcome.valueOf(this.outcome), this.errorCode,
				new AuditEvent.Actor(this.actorSubject, this.actorIssuer, this.actorClientId,
						JSON.readValue(this.actorRoles, STRINGS)),
				new AuditEvent.Target(this.targetUserPoolId, this.targetUsername, this.targetSub, this.targetIdentifier,
						this.targetAppClientId),
				this.reason, JSON.readValue(this.clientMetadataKeys, STRINGS), this.correlationId,
				this.cognitoRequestId, this.sourceIp, this.userAgent, this.durationMs, this.userStatus,
				this.emailVerifiedSet, this.reconciled, this.jobId);
	}

	/**
	 * The link of the hash chain for this row at the given position: SHA-256 over the
	 * previous link and every column, in a fixed order. The columns added after the first
	 * schema are hashed in groups, each when any of its columns is set (user status,
	 * email verification, reconciled; then sub, identifier, job), so that links written
	 * before them still verify.
	 */
	String chainHash(long seq, String prevHash) {
		List<@Nullable Object> content = new ArrayList<>(Arrays.asList(seq, this.id.toString(),
				this.occurredAt.toString(), (this.completedAt != null) ? this.completedAt.toString() : null,
				this.action, this.outcome, this.errorCode, this.actorSubject, this.actorIssuer, this.actorClientId,
				this.actorRoles, this.targetUserPoolId, this.targetUsername, this.targetAppClientId, this.reason,
				this.clientMetadataKeys, this.correlationId, this.cognitoRequestId, this.sourceIp, this.userAgent,
				this.durationMs));
		if (this.userStatus != null || this.emailVerifiedSet != null || this.reconciled != null) {
			content.addAll(Arrays.asList(this.userStatus, this.emailVerifiedSet, this.reconciled));
		}
		if (this.targetSub != null || this.targetIdentifier != null || this.jobId != null) {
			content.addAll(Arrays.asList(this.targetSub, this.targetIdentifier,
					(this.jobId != null) ? this.jobId.toString() : null));
		}
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(prevHash.getBytes(StandardCharsets.US_ASCII));
			sha256.update(JSON.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			// SHA-256 is required of every Java platform.
			throw new IllegalStateException(ex);
		}
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant micros(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
