package com.acme.confirm.correlation;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Work the application task executor does for a request (a batch's items) runs with that
 * request's correlation id and trace, so that its log lines and audit events carry them.
 * Spring Boot applies this decorator to the executor it auto-configures.
 */
@Configuration(proxyBeanMethods = false)
class ContextPropagation {

	@Bean
	TaskDecorator contextPropagatingTaskDecorator() {
		ContextRegistry registry = new ContextRegistry().loadThreadLocalAccessors()
			.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(CorrelationId.MDC_KEY));
		return new ContextPropagatingTaskDecorator(ContextSnapshotFactory.builder().contextRegistry(registry).build());
	}

}
