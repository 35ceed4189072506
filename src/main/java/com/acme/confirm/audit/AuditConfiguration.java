package com.acme.confirm.audit;

import java.time.Clock;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the retention purge on its schedule and the schema migrations at start-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
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

}
