package com.acme.confirm.audit;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Settles one attempt now, by the reconciler's rule, for work that must know how an
 * interrupted attempt of its own ended before it tries again (a confirmation job taking
 * over the items of a replica that died).
 */
@Component
public class AuditSettlement {

	private final AuditQueries queries;

	private final AuditLog auditLog;

	private final PendingSettler settler;

	AuditSettlement(AuditQueries queries, AuditLog auditLog, PendingSettler settler) {
		this.queries = queries;
		this.auditLog = auditLog;
		this.settler = settler;
	}

	/**
	 * The attempt's event as it ended: completed already, or settled now from the user's
	 * state and marked reconciled, as {@link AuditReconciliation} would settle it later.
	 * @param attemptId the event's id
	 * @return the event; still PENDING when its outcome cannot be told now; empty when no
	 * event of that id was written (the attempt never started)
	 */
	public Optional<AuditEvent> settle(UUID attemptId) {
		Optional<AuditEvent> event = this.queries.findById(attemptId);
		if (event.isEmpty() || event.get().outcome() != AuditOutcome.PENDING) {
			return event;
		}
		PendingAudit attempt = new PendingAudit(event.get());
		Optional<AuditCompletion> completion = this.settler.settle(attempt);
		if (completion.isEmpty()) {
			return event;
		}
		// the reconciler may have settled it meanwhile: what the row says now wins
		this.auditLog.completeReconciled(attempt, completion.get());
		return this.queries.findById(attemptId);
	}

}
