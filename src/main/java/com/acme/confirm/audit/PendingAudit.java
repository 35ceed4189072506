package com.acme.confirm.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

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

	/** The operation attempted. */
	public AuditAction action() {
		return this.event.action();
	}

	/** The pool it named. */
	public String userPoolId() {
		return this.event.target().userPoolId();
	}

	/** The user it named, as given. */
	public @Nullable String username() {
		return this.event.target().username();
	}

	/** When it started. */
	public Instant occurredAt() {
		return this.event.occurredAt();
	}

	AuditEvent event() {
		return this.event;
	}

}
