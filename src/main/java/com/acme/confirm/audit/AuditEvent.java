package com.acme.confirm.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * One attempted operation: written {@link AuditOutcome#PENDING} when it starts, completed
 * under the same id when it ends, and published as an application event once completed.
 * It never holds a confirmation code, a secret, a token or a clientMetadata value.
 *
 * @param id the event id, returned to the caller as {@code auditEventId}
 * @param occurredAt when the operation started
 * @param completedAt when it ended; {@code null} while pending
 * @param action the operation
 * @param outcome how it ended
 * @param errorCode the problem code it failed with
 * @param actor who called
 * @param target what it acted on
 * @param reason the caller's stated reason
 * @param clientMetadataKeys the keys (never the values) of the clientMetadata passed on
 * @param correlationId the request's correlation id
 * @param cognitoRequestId Cognito's request id of the deciding call
 * @param sourceIp the caller's IP address
 * @param userAgent the caller's User-Agent
 * @param durationMs how long the operation took
 * @param userStatus the user's status as the operation last read it; {@code UNKNOWN} when
 * a read after a failed call failed too, so that the outcome is not known
 * @param emailVerifiedSet true when the operation set {@code email_verified=true}
 * @param reconciled true when the outcome was decided later from the user's state,
 * because the attempt was left PENDING (a process that died during the call)
 * @param jobId the confirmation job this event belongs to
 * @param batch the usernames of a batch refused as a whole, which is one event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(@Schema(requiredMode = REQUIRED) UUID id, @Schema(requiredMode = REQUIRED) Instant occurredAt,
		@Nullable Instant completedAt, @Schema(requiredMode = REQUIRED) AuditAction action,
		@Schema(requiredMode = REQUIRED) AuditOutcome outcome, @Nullable String errorCode,
		@Schema(requiredMode = REQUIRED) Actor actor, @Schema(requiredMode = REQUIRED) Target target,
		@Nullable String reason, @Schema(requiredMode = REQUIRED) List<String> clientMetadataKeys,
		@Schema(requiredMode = REQUIRED) String correlationId, @Nullable String cognitoRequestId,
		@Nullable String sourceIp, @Nullable String userAgent, @Nullable Long durationMs, @Nullable String userStatus,
		@Nullable Boolean emailVerifiedSet, @Nullable Boolean reconciled, @Nullable UUID jobId, @Nullable Batch batch) {

	/**
	 * An operation that has started.
	 */
	public static AuditEvent pending(AuditAction action, Actor actor, Target target, @Nullable String reason,
			List<String> clientMetadataKeys, String correlationId, @Nullable String sourceIp,
			@Nullable String userAgent, @Nullable UUID jobId, @Nullable Batch batch) {
		return new AuditEvent(UUID.randomUUID(), Instant.now(), null, action, AuditOutcome.PENDING, null, actor, target,
				reason, List.copyOf(clientMetadataKeys), correlationId, null, sourceIp, userAgent, null, null, null,
				null, jobId, batch);
	}

	/** This pending event under another id. */
	AuditEvent withId(UUID eventId) {
		return new AuditEvent(eventId, this.occurredAt, this.completedAt, this.action, this.outcome, this.errorCode,
				this.actor, this.target, this.reason, this.clientMetadataKeys, this.correlationId,
				this.cognitoRequestId, this.sourceIp, this.userAgent, this.durationMs, this.userStatus,
				this.emailVerifiedSet, this.reconciled, this.jobId, this.batch);
	}

	/**
	 * This event, ended as the completion says.
	 */
	AuditEvent complete(AuditCompletion completion, boolean reconciled) {
		Instant now = Instant.now();
		Target identified = (completion.username() != null)
				? this.target.identified(completion.username(), completion.sub()) : this.target;
		return new AuditEvent(this.id, this.occurredAt, now, this.action, completion.outcome(), completion.errorCode(),
				this.actor, identified, this.reason, this.clientMetadataKeys, this.correlationId,
				completion.cognitoRequestId(), this.sourceIp, this.userAgent,
				Duration.between(this.occurredAt, now).toMillis(), completion.userStatus(),
				completion.emailVerifiedSet() ? Boolean.TRUE : null, reconciled ? Boolean.TRUE : null, this.jobId,
				this.batch);
	}

	/**
	 * Who called.
	 *
	 * @param subject the token's subject
	 * @param issuer the token's issuer
	 * @param clientId the OAuth2 client of the token
	 * @param roles the caller's roles, sorted
	 * @param sourceIdentity the SourceIdentity (the subject mapped into STS's characters)
	 * that CloudTrail shows on the Cognito calls made for the caller; absent when the
	 * pool's calls are signed by the service's own role
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Actor(@Schema(requiredMode = REQUIRED) String subject, @Nullable String issuer,
			@Nullable String clientId, @Schema(requiredMode = REQUIRED) List<String> roles,
			@Nullable String sourceIdentity) {

		public Actor(String subject, @Nullable String issuer, @Nullable String clientId, Set<String> roles,
				@Nullable String sourceIdentity) {
			this(subject, issuer, clientId, roles.stream().sorted().toList(), sourceIdentity);
		}

		public Actor(String subject, @Nullable String issuer, @Nullable String clientId, Set<String> roles) {
			this(subject, issuer, clientId, roles, null);
		}

	}

	/**
	 * What the operation acted on.
	 *
	 * @param userPoolId the user pool
	 * @param username the user's canonical username once Cognito named it, else the
	 * identifier as given
	 * @param sub the user's {@code sub}, once Cognito named it
	 * @param identifier the user as the caller named them (username, alias or sub)
	 * @param appClientId the app client (confirmSignUp)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Target(@Schema(requiredMode = REQUIRED) String userPoolId, @Nullable String username,
			@Nullable String sub, @Nullable String identifier, @Nullable String appClientId) {

		/** The target as the request named it, before Cognito has answered. */
		public static Target asGiven(String userPoolId, @Nullable String identifier, @Nullable String appClientId) {
			return new Target(userPoolId, identifier, null, identifier, appClientId);
		}

		/** This target, for the user Cognito named. */
		Target identified(String canonicalUsername, @Nullable String userSub) {
			return new Target(this.userPoolId, canonicalUsername, userSub, this.identifier, this.appClientId);
		}

	}

	/**
	 * The usernames of a batch that was refused as a whole (no grant, an unknown pool, no
	 * reason, an invalid body): one event for all of them.
	 *
	 * @param size how many usernames the batch held
	 * @param usernames the first of them, as many as the event's row holds (all of a
	 * valid batch of usernames without quotes or backslashes)
	 */
	public record Batch(@Schema(requiredMode = REQUIRED) int size,
			@Schema(requiredMode = REQUIRED) List<String> usernames) {

		public Batch {
			usernames = List.copyOf(usernames);
		}

	}

}
