package com.acme.confirm.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Settles attempts left PENDING for longer than {@code confirm.audit.reconcile-after}
 * from the user's state, on one replica at a time (a recurring task of the cluster's
 * scheduler): each is completed, marked reconciled and appended to the chain like any
 * other event. Also keeps the gauges of how many attempts are PENDING and how old the
 * oldest is, refreshed on each run so that a scrape costs no query.
 */
@Component
class AuditReconciliation {

	private static final Logger log = LoggerFactory.getLogger(AuditReconciliation.class);

	/** The most attempts settled in one run; the next run takes the rest. */
	static final int BATCH = 100;

	private final AuditQueries queries;

	private final AuditLog auditLog;

	private final PendingSettler settler;

	private final Duration reconcileAfter;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong oldestSeconds = new AtomicLong();

	AuditReconciliation(AuditQueries queries, AuditLog auditLog, PendingSettler settler, AuditProperties properties,
			Clock clock, MeterRegistry meterRegistry) {
		this.queries = queries;
		this.auditLog = auditLog;
		this.settler = settler;
		this.reconcileAfter = properties.reconcileAfter();
		this.clock = clock;
		this.meterRegistry = meterRegistry;
		Gauge.builder("confirm.audit.pending", this.pending, AtomicLong::get)
			.description("Audit events still PENDING, as of the last reconciliation run")
			.register(meterRegistry);
		Gauge.builder("confirm.audit.pending.oldest", this.oldestSeconds, AtomicLong::get)
			.description("Age of the oldest PENDING audit event, as of the last reconciliation run")
			.baseUnit("seconds")
			.register(meterRegistry);
	}

	/**
	 * Settles what it can of the stale PENDING attempts.
	 * @return how many were settled
	 */
	int run() {
		Instant now = this.clock.instant();
		AuditQueries.PendingSummary summary = this.queries.pendingSummary();
		this.pending.set(summary.count());
		this.oldestSeconds.set((summary.oldest() != null) ? Duration.between(summary.oldest(), now).toSeconds() : 0);
		List<AuditEvent> stale = this.queries.findPending(now.minus(this.reconcileAfter), BATCH);
		int settled = 0;
		for (AuditEvent event : stale) {
			PendingAudit attempt = new PendingAudit(event);
			Optional<AuditCompletion> completion = this.settler.settle(attempt);
			if (completion.isEmpty()) {
				log.warn("Audit event {} stays PENDING: its outcome cannot be told now; next run tries again",
						event.id());
				break;
			}
			if (this.auditLog.completeReconciled(attempt, completion.get())) {
				settled++;
				Counter.builder("confirm.audit.reconciled")
					.description("PENDING audit events settled later from the user's state")
					.tag("action", event.action().name())
					.tag("outcome", completion.get().outcome().name())
					.register(this.meterRegistry)
					.increment();
			}
		}
		if (!stale.isEmpty()) {
			log.info("Audit reconciliation settled {} of {} PENDING events older than {}", settled, stale.size(),
					this.reconcileAfter);
		}
		return settled;
	}

}
