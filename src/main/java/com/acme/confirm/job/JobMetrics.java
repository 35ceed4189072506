package com.acme.confirm.job;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The {@code confirm.jobs.*} metrics: items ended by outcome (whose rate is the jobs'
 * items per second), items deferred, and the gauges of the items still to do and the
 * unfinished jobs, as of the last sweep.
 */
@Component
class JobMetrics {

	private final MeterRegistry registry;

	private final AtomicLong queueDepth = new AtomicLong();

	private final AtomicLong unfinished = new AtomicLong();

	JobMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("confirm.jobs.queue.depth", this.queueDepth, AtomicLong::get)
			.description("Items of unfinished confirmation jobs without an outcome yet, as of the last sweep")
			.register(registry);
		Gauge.builder("confirm.jobs.unfinished", this.unfinished, AtomicLong::get)
			.description("Confirmation jobs queued, running or paused, as of the last sweep")
			.register(registry);
	}

	void item(ItemOutcome outcome) {
		Counter.builder("confirm.jobs.items")
			.description("Items of confirmation jobs that got their outcome on this replica")
			.tag("outcome", outcome.name())
			.register(this.registry)
			.increment();
	}

	void deferred() {
		Counter.builder("confirm.jobs.items.deferred")
			.description("Item attempts put off because the budget, the audit trail or Cognito was not available")
			.register(this.registry)
			.increment();
	}

	void swept(long depth, long jobs) {
		this.queueDepth.set(depth);
		this.unfinished.set(jobs);
	}

}
