package com.acme.confirm.audit;

import java.time.Clock;
import java.util.List;

import com.acme.confirm.security.CurrentCaller;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Runs the retention purge on its schedule, the reconciliation of stale PENDING events,
 * the schema migrations at start-up, and audits requests that Spring rejects before their
 * handler runs.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	Clock auditClock() {
		return Clock.systemUTC();
	}

	/**
	 * Migrates the audit schema at start-up unless {@code spring.flyway.enabled} is
	 * false. Without Spring AOT, Spring Boot creates no Flyway at all then; in an
	 * AOT-processed start (the image) Flyway exists whatever the property says at run
	 * time, so it is read again here: the image's AOT training run has no database.
	 * @param environment the run time's properties
	 * @return the strategy Spring Boot's Flyway initializer calls
	 */
	@Bean
	FlywayMigrationStrategy migrateUnlessDisabled(Environment environment) {
		return (flyway) -> {
			if (environment.getProperty("spring.flyway.enabled", Boolean.class, true)) {
				flyway.migrate();
			}
		};
	}

	/**
	 * The purge runs on {@code confirm.audit.purge-cron} ("-" disables it) on one replica
	 * at a time: a recurring task of the cluster's scheduler, like the reconciliation.
	 */
	@Bean
	RecurringTask<Void> auditRetentionTask(AuditRetention retention, AuditProperties properties) {
		return Tasks.recurring("audit-retention", retentionSchedule(properties))
			.execute((instance, context) -> retention.purge());
	}

	static CronSchedule retentionSchedule(AuditProperties properties) {
		return Schedules.cron(properties.purgeCron());
	}

	/**
	 * Settles stale PENDING events on one replica at a time: a recurring task of the
	 * cluster's scheduler, whose single execution row any replica may pick.
	 */
	@Bean
	RecurringTask<Void> auditReconciliationTask(AuditReconciliation reconciliation, AuditProperties properties) {
		return Tasks.recurring("audit-reconciliation", FixedDelay.of(properties.reconcileInterval()))
			.execute((instance, context) -> reconciliation.run());
	}

	/**
	 * Ahead of the exception handlers, which answer the rejection.
	 */
	@Bean
	WebMvcConfigurer rejectedRequestAudit(AuditLog auditLog, CurrentCaller currentCaller) {
		return new WebMvcConfigurer() {

			@Override
			public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
				resolvers.add(0, new RejectedRequestAudit(auditLog, currentCaller));
			}

		};
	}

}
