package com.acme.confirm.audit;

import com.acme.confirm.security.Caller;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit-events")
@Tag(name = "audit", description = "The audit trail of every attempted operation")
class AuditEventsController {

	private final AuditReader reader;

	AuditEventsController(AuditReader reader) {
		this.reader = reader;
	}

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.FORBIDDEN, ProblemCode.AUDIT_UNAVAILABLE })
	@Operation(operationId = "listAuditEvents", summary = "List audit events, newest first",
			description = "Filters combine with AND. Pages with a cursor: pass nextPageToken as pageToken. "
					+ "outcome=PENDING with a 'to' a few minutes ago lists attempts whose outcome was never "
					+ "recorded (the completion write failed) for reconciliation. Needs AUDIT_READ.")
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	AuditEventPage listAuditEvents(@Valid @ParameterObject AuditQuery query, Caller caller) {
		return this.reader.find(caller, query);
	}

	@ProblemResponses({ ProblemCode.FORBIDDEN, ProblemCode.AUDIT_UNAVAILABLE })
	@Operation(operationId = "verifyAuditChain", summary = "Verify the audit trail's hash chain",
			description = "Recomputes every completed event's hash from the last purged link to the newest and "
					+ "reports the first link that was edited, deleted or reordered. Needs AUDIT_READ.")
	@GetMapping(path = "/verification", produces = MediaType.APPLICATION_JSON_VALUE)
	ChainVerification verifyAuditChain(Caller caller) {
		return this.reader.verify(caller);
	}

}
