package com.acme.confirm.audit;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes each completed audit event, once it is durable, as one structured log line and
 * counts it.
 */
@Component
class AuditEventEmission {

	private static final Logger log = LoggerFactory.getLogger("audit");

	private final MeterRegistry meterRegistry;

	AuditEventEmission(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@EventListener
	void on(AuditEvent event) {
		log.atInfo()
			.addKeyValue("audit.id", event.id())
			.addKeyValue("audit.action", event.action())
			.addKeyValue("audit.outcome", event.outcome())
			.addKeyValue("audit.errorCode", event.errorCode())
			.addKeyValue("audit.actor.subject", event.actor().subject())
			.addKeyValue("audit.actor.roles", event.actor().roles())
			.addKeyValue("audit.actor.sourceIdentity", event.actor().sourceIdentity())
			.addKeyValue("audit.target.userPoolId", event.target().userPoolId())
			.addKeyValue("audit.target.username", event.target().username())
			.addKeyValue("audit.target.sub", event.target().sub())
			.addKeyValue("audit.target.identifier", event.target().identifier())
			.addKeyValue("audit.jobId", event.jobId())
			.addKeyValue("audit.target.appClientId", event.target().appClientId())
			.addKeyValue("audit.clientMetadataKeys", event.clientMetadataKeys())
			.addKeyValue("audit.cognitoRequestId", event.cognitoRequestId())
			.addKeyValue("audit.sourceIp", event.sourceIp())
			.addKeyValue("audit.durationMs", event.durationMs())
			.log("audit {} {} {} on {} by {}", event.id(), event.action(), event.outcome(), event.target().userPoolId(),
					event.actor().subject());
		Counter.builder("confirm.audit.events")
			.description("Audited operations by action and outcome")
			.tag("action", event.action().name())
			.tag("outcome", event.outcome().name())
			.register(this.meterRegistry)
			.increment();
		if (event.durationMs() != null) {
			Timer.builder("confirm.operations")
				.description("Operations from their first audit record to their outcome")
				.tag("operation", event.action().name())
				.tag("outcome", event.outcome().name())
				.tag("error", (event.errorCode() != null) ? event.errorCode() : "none")
				.publishPercentileHistogram()
				.register(this.meterRegistry)
				.record(Duration.ofMillis(event.durationMs()));
		}
	}

}
