package com.acme.confirm.scheduling;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulingConfigurationTests {

	@Test
	void jdbcCustomizationWhenPostgresUrlThenPostgresOtherwiseGeneric() {
		assertThat(SchedulingConfiguration.jdbcCustomization("jdbc:postgresql://db:5432/audit"))
			.isInstanceOf(PostgreSqlJdbcCustomization.class);
		assertThat(SchedulingConfiguration.jdbcCustomization("jdbc:h2:mem:audit"))
			.isExactlyInstanceOf(DefaultJdbcCustomization.class);
		assertThat(SchedulingConfiguration.jdbcCustomization("")).isExactlyInstanceOf(DefaultJdbcCustomization.class);
	}

}
