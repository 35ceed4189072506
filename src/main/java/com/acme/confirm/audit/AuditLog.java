package com.acme.confirm.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.acme.confirm.correlation.CorrelationId;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.security.Caller;
import com.acme.confirm.web.RequestOrigin;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The audit trail's entry point: an attempt is written durably as PENDING before it may
 * act ({@link #begin}), and completed with its outcome after ({@link #complete}); an
 * attempt refused before it could act is written once, completed ({@link #rejected}).
 * Each completed event is then published for whoever listens (the log line, the metrics).
 */
@Service
public class AuditLog {

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	private final AuditRepository repository;

	private final ApplicationEventPublisher publisher;

	AuditLog(AuditRepository repository, ApplicationEventPublisher publisher) {
		this.repository = repository;
		this.publisher = publisher;
	}

	/**
	 * Writes the attempt as PENDING; nothing may act on its behalf unless this returned.
	 * @param action the operation
	 * @param caller who calls
	 * @param origin where the call came from
	 * @param userPoolId the pool named by the request
	 * @param request what the request names
	 * @return the pending attempt
	 * @throws ProblemException AUDIT_UNAVAILABLE when the event could not be written
	 */
	public PendingAudit begin(AuditAction action, Caller caller, RequestOrigin origin, String userPoolId,
			AuditedRequest request) {
		return begin(action, caller, origin, userPoolId, request, null);
	}

	/**
	 * Writes the attempt as PENDING, with the SourceIdentity that its Cognito calls will
	 * carry; nothing may act on its behalf unless this returned.
	 * @param action the operation
	 * @param caller who calls
	 * @param origin where the call came from
	 * @param userPoolId the pool named by the request
	 * @param request what the request names
	 * @param sourceIdentity the caller as CloudTrail will name it, when the pool's calls
	 * are signed with a SourceIdentity session
	 * @return the pending attempt
	 * @throws ProblemException AUDIT_UNAVAILABLE when the event could not be written
	 */
	public PendingAudit begin(AuditAction action, Caller caller, RequestOrigin origin, String userPoolId,
			AuditedRequest request, @Nullable String sourceIdentity) {
		return begin(pending(action, caller, origin, userPoolId, request, sourceIdentity));
	}

	/**
	 * Writes the attempt as PENDING under an id chosen beforehand, so that work which
	 * records the id first can tell after a crash whether the attempt started.
	 * @param id the event's id
	 * @param action the operation
	 * @param caller who calls
	 * @param origin where the call came from
	 * @param userPoolId the pool named by the request
	 * @param request what the request names
	 * @param sourceIdentity the caller as CloudTrail will name it, when the pool's calls
	 * are signed with a SourceIdentity session
	 * @return the pending attempt
	 * @throws ProblemException AUDIT_UNAVAILABLE when the event could not be written
	 */
	public PendingAudit begin(UUID id, AuditAction action, Caller caller, RequestOrigin origin, String userPoolId,
			AuditedRequest request, @Nullable String sourceIdentity) {
		return begin(pending(action, caller, origin, userPoolId, request, sourceIdentity).withId(id));
	}

	private PendingAudit begin(AuditEvent event) {
		try {
			this.repository.insertPending(event);
		}
		catch (RuntimeException ex) {
			throw new ProblemException(ProblemCode.AUDIT_UNAVAILABLE,
					"The audit record could not be written, so Cognito was not called.", ex);
		}
		return new PendingAudit(event);
	}

	/**
	 * Completes the attempt with its outcome. The attempt has happened, so a failure to
	 * record it does not fail the caller: the event stays PENDING for reconciliation and
	 * the failure is logged.
	 * @param attempt the pending attempt
	 * @param completion how it ended
	 */
	public void complete(PendingAudit attempt, AuditCompletion completion) {
		AuditEvent event = attempt.event().complete(completion, false);
		try {
			this.repository.complete(event);
		}
		catch (RuntimeException ex) {
			log.error("Audit event {} could not be completed with {}; it stays PENDING", event.id(),
					completion.outcome(), ex);
			return;
		}
		published(event);
	}

	/**
	 * Completes an attempt that was left PENDING with the outcome settled later from the
	 * user's state, marked reconciled.
	 * @return whether it was recorded; false when the attempt completed meanwhile or the
	 * write failed (it is tried again on the next run)
	 */
	boolean completeReconciled(PendingAudit attempt, AuditCompletion completion) {
		AuditEvent event = attempt.event().complete(completion, true);
		try {
			this.repository.complete(event);
		}
		catch (RuntimeException ex) {
			log.warn("Audit event {} could not be reconciled: {}", event.id(), ex.getClass().getSimpleName());
			return false;
		}
		published(event);
		return true;
	}

	/**
	 * Records an attempt that was refused before it could act, as one completed event.
	 * @param action the operation
	 * @param caller who called
	 * @param origin where the call came from
	 * @param userPoolId the pool named by the request, as given
	 * @param request what could be read of the request
	 * @param code why it was refused
	 * @return the event's id, or empty when it could not be written
	 */
	public Optional<UUID> rejected(AuditAction action, Caller caller, RequestOrigin origin, String userPoolId,
			AuditedRequest request, ProblemCode code) {
		AuditEvent event = pending(action, caller, origin, userPoolId, request, null)
			.complete(AuditCompletion.failed(code, null, null), false);
		try {
			this.repository.complete(event);
		}
		catch (RuntimeException ex) {
			log.error("Audit event {} for a rejected {} could not be written", event.id(), action, ex);
			return Optional.empty();
		}
		published(event);
		return Optional.of(event.id());
	}

	private void published(AuditEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			// The event is durable; a listener's failure must not change the answer.
			log.warn("A listener of audit event {} failed", event.id(), ex);
		}
	}

	private static AuditEvent pending(AuditAction action, Caller caller, RequestOrigin origin, String userPoolId,
			AuditedRequest request, @Nullable String sourceIdentity) {
		return AuditEvent.pending(action,
				new AuditEvent.Actor(caller.subject(), caller.issuer(), caller.clientId(), caller.roles(),
						sourceIdentity),
				AuditEvent.Target.asGiven(userPoolId, request.auditedUsername(), request.auditedAppClientId()),
				request.auditedReason(), request.auditedMetadataKeys(), CorrelationId.current(), origin.sourceIp(),
				origin.userAgent(), request.auditedJobId(), batch(request.auditedBatch()));
	}

	private static AuditEvent.@Nullable Batch batch(@Nullable List<@Nullable String> usernames) {
		if (usernames == null) {
			return null;
		}
		return new AuditEvent.Batch(usernames.size(), usernames.stream().filter(Objects::nonNull).toList());
	}

}
