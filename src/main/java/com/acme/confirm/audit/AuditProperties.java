package com.acme.confirm.audit;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
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
 */
@Validated
@ConfigurationProperties("confirm.audit")
record AuditProperties(@DefaultValue("400d") Duration retention,
		@DefaultValue("0 30 3 * * *") @NotBlank String purgeCron, @DefaultValue("5m") Duration reconcileAfter,
		@DefaultValue("30s") Duration reconcileInterval) {

	AuditProperties {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("confirm.audit.retention must be positive, was " + retention);
		}
		if (reconcileAfter.isNegative() || reconcileAfter.isZero() || reconcileInterval.isNegative()
				|| reconcileInterval.isZero()) {
			throw new IllegalArgumentException(
					"confirm.audit.reconcile-after and confirm.audit.reconcile-interval must be positive");
		}
		if (!ScheduledTaskRegistrar.CRON_DISABLED.equals(purgeCron) && !CronExpression.isValidExpression(purgeCron)) {
			throw new IllegalArgumentException(
					"confirm.audit.purge-cron must be a cron expression or \"-\", was " + purgeCron);
		}
	}

}
