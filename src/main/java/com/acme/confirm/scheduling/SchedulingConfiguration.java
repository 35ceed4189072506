package com.acme.confirm.scheduling;

import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The scheduler over the tasks the features contribute. It starts once the application is
 * ready, so that neither the image's AOT training run (which has no database) nor a
 * replica that fails to start ever runs a task, and it stops before the database goes.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SchedulingConfiguration.class);

	@Bean(destroyMethod = "stop")
	Scheduler taskScheduler(DataSource dataSource, List<Task<?>> tasks, SchedulingProperties properties,
			Environment environment) {
		List<RecurringTask<?>> recurring = tasks.stream()
			.filter(RecurringTask.class::isInstance)
			.<RecurringTask<?>>map(RecurringTask.class::cast)
			.toList();
		// start tasks are known tasks too: listing them twice is refused
		List<Task<?>> others = tasks.stream().filter((task) -> !(task instanceof RecurringTask)).toList();
		return Scheduler.create(dataSource, others)
			.startTasks(recurring)
			.threads(properties.threads())
			.pollingInterval(properties.pollingInterval())
			.heartbeatInterval(properties.heartbeatInterval())
			.missedHeartbeatsLimit(properties.missedHeartbeatsLimit())
			.shutdownMaxWait(properties.shutdownMaxWait())
			.jdbcCustomization(jdbcCustomization(environment.getProperty("spring.datasource.url", "")))
			.build();
	}

	/**
	 * Chosen from the URL, not detected over a connection: the scheduler is built before
	 * the database needs to answer (the image's training run has none, a replica may
	 * start while it is briefly away).
	 */
	static JdbcCustomization jdbcCustomization(String url) {
		return url.startsWith("jdbc:postgresql:") ? new PostgreSqlJdbcCustomization(false, false)
				: new DefaultJdbcCustomization(false);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> taskSchedulerStart(Scheduler taskScheduler,
			SchedulingProperties properties) {
		return (ready) -> {
			if (properties.enabled()) {
				taskScheduler.start();
			}
			else {
				log.info("Background tasks are off on this replica (confirm.scheduler.enabled=false)");
			}
		};
	}

}
