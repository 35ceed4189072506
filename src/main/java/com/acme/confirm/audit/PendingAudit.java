package com.acme.confirm.audit;

import java.util.UUID;

/**
 * An attempt whose PENDING audit event is durable; {@link AuditLog#complete} records how
 * it ended.
 */
public final class PendingAudit {

	private final AuditEvent event;

	PendingAudit(AuditEvent event) {
		this.event = event;
	}

	/** The event's id, returned to the caller as {@code auditEventId}. */
	public UUID id() {
		return this.event.id();
	}

	AuditEvent event() {
		return this.event;
	}

}
