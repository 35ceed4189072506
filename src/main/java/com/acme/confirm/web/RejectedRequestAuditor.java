package com.acme.confirm.web;

import java.util.Optional;
import java.util.UUID;

/**
 * Records a rejected request in the audit trail; implemented by the feature that owns the
 * handler.
 */
public interface RejectedRequestAuditor {

	/**
	 * Audits the rejection if the handler is one of this auditor's.
	 * @return the audit event id, or empty when this auditor does not cover the handler
	 */
	Optional<UUID> audit(RejectedRequest request);

}
