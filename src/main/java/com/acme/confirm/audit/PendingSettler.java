package com.acme.confirm.audit;

import java.util.Optional;

/**
 * Decides, from the user's state, how an attempt that was left PENDING ended (its process
 * died during the call, or its completion could not be written). Implemented by the
 * feature that knows the operations.
 */
public interface PendingSettler {

	/**
	 * @param attempt the attempt left PENDING
	 * @return how it ended, or empty when that cannot be told now (Cognito unreachable):
	 * the attempt is tried again on the next run
	 */
	Optional<AuditCompletion> settle(PendingAudit attempt);

}
