package com.acme.confirm.audit;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Purges completed audit events past the retention period, on the schedule
 * {@link AuditConfiguration} gives it. Events still PENDING are kept until someone
 * reconciles them.
 */
@Component
class AuditRetention {

	private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

	private final AuditRepository repository;

	private final AuditProperties properties;

	private final Clock clock;

	AuditRetention(AuditRepository repository, AuditProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	void purge() {
		Instant cutoff = this.clock.instant().minus(this.properties.retention());
		int deleted = this.repository.purgeBefore(cutoff);
		log.info("Audit retention purged {} events that occurred before {}", deleted, cutoff);
	}

}
