package com.acme.confirm.audit;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long audit events are kept.
 *
 * @param retention how long an event is kept after it occurred; older completed events
 * are purged, keeping the hash chain verifiable from the last purged link
 * @param purgeCron when the purge runs (Spring cron, server time zone); "-" disables it
 */
@Validated
@ConfigurationProperties("confirm.audit")
record AuditProperties(@DefaultValue("400d") Duration retention,
		@DefaultValue("0 30 3 * * *") @NotBlank String purgeCron) {

	AuditProperties {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("confirm.audit.retention must be positive, was " + retention);
		}
		if (!ScheduledTaskRegistrar.CRON_DISABLED.equals(purgeCron) && !CronExpression.isValidExpression(purgeCron)) {
			throw new IllegalArgumentException(
					"confirm.audit.purge-cron must be a cron expression or \"-\", was " + purgeCron);
		}
	}

}
