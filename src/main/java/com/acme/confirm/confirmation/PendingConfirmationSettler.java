package com.acme.confirm.confirmation;

import java.time.Instant;
import java.util.Optional;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditCompletion;
import com.acme.confirm.audit.AuditOutcome;
import com.acme.confirm.audit.PendingAudit;
import com.acme.confirm.audit.PendingSettler;
import com.acme.confirm.cognito.CognitoFailure;
import com.acme.confirm.cognito.CognitoUser;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.UserPools;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * How an attempt left PENDING ended, from the user's state now: a user CONFIRMED since
 * the attempt started (Cognito's last modification at or after it) was confirmed by it;
 * one CONFIRMED before was ALREADY_CONFIRMED; one not confirmed means the attempt ended
 * without confirming ({@link #INTERRUPTED}). A status read changed nothing and needs no
 * call.
 */
@Component
class PendingConfirmationSettler implements PendingSettler {

	/**
	 * The error code of an attempt whose process ended before it could record an outcome.
	 */
	static final String INTERRUPTED = "INTERRUPTED";

	private final UserPools userPools;

	private final UserResolution users;

	PendingConfirmationSettler(UserPools userPools, UserResolution users) {
		this.userPools = userPools;
		this.users = users;
	}

	@Override
	public Optional<AuditCompletion> settle(PendingAudit attempt) {
		return settle(attempt.action(), attempt.userPoolId(), attempt.username(), attempt.occurredAt());
	}

	Optional<AuditCompletion> settle(AuditAction action, String userPoolId, @Nullable String username,
			Instant occurredAt) {
		if (action == AuditAction.GET_USER_STATUS || username == null) {
			return Optional.of(interrupted(null));
		}
		Optional<ManagedUserPool> pool = this.userPools.find(userPoolId);
		if (pool.isEmpty()) {
			return Optional.of(AuditCompletion.failed(ProblemCode.USER_POOL_NOT_MANAGED, null, null));
		}
		CognitoUser user;
		try {
			// found as the attempt would have found it: the identifier may be an alias
			user = this.users.resolve(pool.get(), username);
		}
		catch (ProblemException ex) {
			return Optional.of(AuditCompletion.failed(ex.code(), null, null));
		}
		catch (CognitoFailure ex) {
			if (ex.kind() == CognitoFailure.Kind.USER_NOT_FOUND) {
				return Optional.of(AuditCompletion.failed(ProblemCode.USER_NOT_FOUND, ex.requestId(), null));
			}
			return Optional.empty();
		}
		if (!user.isConfirmed()) {
			return Optional
				.of(new AuditCompletion(AuditOutcome.FAILED, INTERRUPTED, user.requestId(), user.status(), false)
					.identified(user.username(), user.sub()));
		}
		AuditOutcome outcome = confirmedSince(user, occurredAt) ? AuditOutcome.CONFIRMED
				: AuditOutcome.ALREADY_CONFIRMED;
		return Optional.of(new AuditCompletion(outcome, null, user.requestId(), user.status(), false)
			.identified(user.username(), user.sub()));
	}

	private static boolean confirmedSince(CognitoUser user, Instant started) {
		return user.lastModified() != null
				&& !user.lastModified().isBefore(started.minus(ConfirmationDecisions.CLOCK_SKEW));
	}

	private static AuditCompletion interrupted(@Nullable String userStatus) {
		return new AuditCompletion(AuditOutcome.FAILED, INTERRUPTED, null, userStatus, false);
	}

}
