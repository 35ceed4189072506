package com.acme.confirm.audit;

import com.acme.confirm.security.Caller;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.FORBIDDEN, ProblemCode.THROTTLED,
			ProblemCode.AUDIT_UNAVAILABLE })
	@Operation(operationId = "verifyAuditChain", summary = "Verify the audit trail's hash chain",
			description = "Recomputes the completed events' hashes up to the newest link and reports the first link "
					+ "that was edited, deleted or reordered. By default only the links after the checkpoint (the "
					+ "last link a verification found intact) are re-hashed, after checking that the checkpoint's "
					+ "link still has the hash found then; an edit of an older link is found by full=true, which "
					+ "re-hashes every link from the last purged one. A chain that holds moves the checkpoint to "
					+ "lastSeq. One verification runs at a time across all instances: while one runs, the answer "
					+ "is 429 THROTTLED with Retry-After. Needs AUDIT_READ.")
	@GetMapping(path = "/verification", produces = MediaType.APPLICATION_JSON_VALUE)
	ChainVerification verifyAuditChain(
			@Parameter(description = "Re-hash every link from the last purged one, not only those after the "
					+ "checkpoint") @RequestParam(defaultValue = "false") boolean full,
			Caller caller) {
		return this.reader.verify(caller, full);
	}

}
