package com.acme.confirm.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The migration strategy honours {@code spring.flyway.enabled} at run time, as an
 * AOT-processed start (where Flyway exists whatever the property says) needs.
 */
class AuditConfigurationTests {

	/** Nothing listens on port 1: migrating fails at once. */
	private final Flyway unreachable = Flyway.configure()
		.dataSource("jdbc:postgresql://127.0.0.1:1/none", "none", null)
		.load();

	@Test
	void migrationsWhenFlywayIsDisabledAtRunTimeThenTheDatabaseIsNotTouched() {
		FlywayMigrationStrategy strategy = strategy(Map.of("spring.flyway.enabled", "false"));

		assertThatNoException().isThrownBy(() -> strategy.migrate(this.unreachable));
	}

	@Test
	void migrationsWhenFlywayIsEnabledOrUnsetThenTheyRun() {
		for (Map<String, Object> properties : List.<Map<String, Object>>of(Map.of(),
				Map.of("spring.flyway.enabled", "true"))) {
			FlywayMigrationStrategy strategy = strategy(properties);

			assertThatExceptionOfType(FlywayException.class).isThrownBy(() -> strategy.migrate(this.unreachable))
				.withMessageContaining("127.0.0.1:1");
		}
	}

	@Test
	void retentionWhenCronThenAClusterTaskOnThatCronAndWhenDashThenNone() {
		CronSchedule nightly = AuditConfiguration.retentionSchedule(properties("0 30 3 * * *"));
		CronSchedule off = AuditConfiguration.retentionSchedule(properties("-"));

		assertThat(nightly.isDisabled()).isFalse();
		assertThat(nightly.getPattern()).isEqualTo("0 30 3 * * *");
		assertThat(off.isDisabled()).isTrue();
	}

	@Test
	void retentionWhenCronIsNotOneThenStartRefusedNamingTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties("every night"))
			.withMessageContaining("confirm.audit.purge-cron");
	}

	private static AuditProperties properties(String purgeCron) {
		return new AuditProperties(Duration.ofDays(400), purgeCron, Duration.ofMinutes(5), Duration.ofSeconds(30),
				true);
	}

	private static FlywayMigrationStrategy strategy(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return new AuditConfiguration().migrateUnlessDisabled(environment);
	}

}
