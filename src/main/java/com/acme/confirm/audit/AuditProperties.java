package com.acme.confirm.audit;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long audit events are kept, and when PENDING ones are settled.
 *
 * @param retention how long an event is kept after it occurred; older completed events
 * are purged, keeping the hash chain verifiable from the last purged link
 * @param purgeCron when the purge runs (Spring cron, server time zone); "-" disables it
 * @param reconcileAfter age after which a PENDING event is settled from the user's state;
 * longer than any call can take (the Cognito call budget and the reads around it), so
 * that no attempt still running is settled
 * @param reconcileInterval how often one replica looks for PENDING events to settle
 * @param durableCompletion whether the commit of a completion waits for PostgreSQL's WAL
 * flush; false ({@code synchronous_commit = off} for that transaction only) lets a
 * database crash lose the last completions, whose PENDING rows the reconciler then
 * settles. Events written whole (requests refused before Cognito) always wait.
 */
@Validated
@ConfigurationProperties("confirm.audit")
record AuditProperties(@DefaultValue("400d") Duration retention,
		@DefaultValue("0 30 3 * * *") @NotBlank String purgeCron, @DefaultValue("5m") Duration reconcileAfter,
		@DefaultValue("30s") Duration reconcileInterval, @DefaultValue("true") boolean durableCompletion) {

	AuditProperties {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("confirm.audit.retention must be positive, was " + retention);
		}
		if (reconcileAfter.isNegative() || reconcileAfter.isZero() || reconcileInterval.isNegative()
				|| reconcileInterval.isZero()) {
			throw new IllegalArgumentException(
					"confirm.audit.reconcile-after and confirm.audit.reconcile-interval must be positive");
		}
		try {
			// parsed as the cluster scheduler will run it
			new CronSchedule(purgeCron);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					"confirm.audit.purge-cron must be a cron expression or \"-\", was " + purgeCron, ex);
		}
	}

}
