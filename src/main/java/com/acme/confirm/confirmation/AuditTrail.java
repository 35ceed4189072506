package com.acme.confirm.confirmation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditEvent;
import com.acme.confirm.audit.AuditOutcome;
import com.acme.confirm.cognito.CognitoException;
import com.acme.confirm.security.Caller;
import com.acme.confirm.web.CorrelationId;
import com.acme.confirm.web.ProblemCode;
import com.acme.confirm.web.ProblemException;
import com.acme.confirm.web.RequestOrigin;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Runs an operation inside its audit event: the event is published PENDING first (if that
 * fails, the operation does not run) and published again with the outcome.
 */
@Component
class AuditTrail {

	private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

	private final ApplicationEventPublisher publisher;

	AuditTrail(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	<T extends Audited> Recorded<T> run(AuditAction action, Caller caller, RequestOrigin origin,
			AuditEvent.Target target, @Nullable String reason, List<String> clientMetadataKeys, Supplier<T> operation) {
		AuditEvent event = pending(action, caller, origin, target, reason, clientMetadataKeys);
		begin(event);
		T result;
		try {
			result = operation.get();
		}
		catch (ProblemException ex) {
			AuditOutcome outcome = outcomeOf(ex.code());
			String requestId = (ex instanceof CognitoException cognito) ? cognito.requestId() : null;
			end(event.complete(outcome, ex.code().name(), requestId));
			throw ex.with("auditEventId", event.id());
		}
		catch (RuntimeException ex) {
			end(event.complete(AuditOutcome.FAILED, ProblemCode.INTERNAL_ERROR.name(), null));
			throw ex;
		}
		end(event.complete(result.auditOutcome(), null, result.cognitoRequestId()));
		return new Recorded<>(result, event.id());
	}

	/**
	 * Records an attempt that was rejected before it could start.
	 * @return the event's id, or empty when it could not be written
	 */
	Optional<UUID> rejected(AuditAction action, Caller caller, RequestOrigin origin, AuditEvent.Target target,
			@Nullable String reason, List<String> clientMetadataKeys, ProblemCode code) {
		AuditEvent event = pending(action, caller, origin, target, reason, clientMetadataKeys).complete(outcomeOf(code),
				code.name(), null);
		try {
			this.publisher.publishEvent(event);
			return Optional.of(event.id());
		}
		catch (RuntimeException ex) {
			log.error("Audit event {} for a rejected {} could not be written", event.id(), action, ex);
			return Optional.empty();
		}
	}

	private static AuditOutcome outcomeOf(ProblemCode code) {
		return (code == ProblemCode.FORBIDDEN) ? AuditOutcome.DENIED : AuditOutcome.FAILED;
	}

	private static AuditEvent pending(AuditAction action, Caller caller, RequestOrigin origin, AuditEvent.Target target,
			@Nullable String reason, List<String> clientMetadataKeys) {
		return AuditEvent.pending(action,
				new AuditEvent.Actor(caller.subject(), caller.issuer(), caller.clientId(), caller.roles()), target,
				reason, clientMetadataKeys, CorrelationId.current(), origin.sourceIp(), origin.userAgent());
	}

	private void begin(AuditEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			throw new ProblemException(ProblemCode.AUDIT_UNAVAILABLE,
					"The audit record could not be written, so Cognito was not called.", ex);
		}
	}

	private void end(AuditEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			// The operation has happened: its result must still reach the caller. The
			// PENDING
			// record stays behind for reconciliation.
			log.error("Audit event {} could not be completed with {}; it stays PENDING", event.id(), event.outcome(),
					ex);
		}
	}

	/**
	 * An operation's result and the audit event that records it.
	 *
	 * @param <T> the result type
	 * @param result the result
	 * @param auditEventId the event's id
	 */
	record Recorded<T>(T result, UUID auditEventId) {
	}

	/**
	 * What an audited operation reports to its audit event.
	 */
	interface Audited {

		AuditOutcome auditOutcome();

		@Nullable String cognitoRequestId();

	}

}
