package com.acme.confirm.confirmation;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.AuditEvent;
import com.acme.confirm.audit.AuditOutcome;
import com.acme.confirm.cognito.Cognito;
import com.acme.confirm.cognito.CognitoException;
import com.acme.confirm.cognito.CognitoUser;
import com.acme.confirm.cognito.ConfirmSignUpCall;
import com.acme.confirm.security.Caller;
import com.acme.confirm.security.Authorization;
import com.acme.confirm.userpool.ManagedUserPool;
import com.acme.confirm.userpool.Permission;
import com.acme.confirm.userpool.UserPools;
import com.acme.confirm.web.ProblemCode;
import com.acme.confirm.web.ProblemException;
import com.acme.confirm.web.RequestOrigin;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Confirms sign-ups: decides whether the caller may, records the attempt, and calls
 * Cognito in the way that makes a repeated confirmation a success rather than an error.
 */
@Service
class ConfirmationService {

	private static final String NOT_AUTHORIZED = "NotAuthorizedException";

	private static final String EXPIRED_CODE = "ExpiredCodeException";

	private static final String DISABLED = "DISABLED";

	private final UserPools userPools;

	private final Authorization authorization;

	private final Cognito cognito;

	private final AuditTrail auditTrail;

	private final Executor batchExecutor;

	private final int batchParallelism;

	ConfirmationService(UserPools userPools, Authorization authorization, Cognito cognito, AuditTrail auditTrail,
			@Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor batchExecutor,
			BatchProperties batchProperties) {
		this.userPools = userPools;
		this.authorization = authorization;
		this.cognito = cognito;
		this.auditTrail = auditTrail;
		this.batchExecutor = batchExecutor;
		this.batchParallelism = batchProperties.parallelism();
	}

	ConfirmationResult adminConfirmSignUp(Caller caller, RequestOrigin origin, String userPoolId,
			AdminConfirmSignUpRequest request) {
		String reason = StringUtils.hasText(request.reason()) ? request.reason().strip() : null;
		AuditTrail.Recorded<Decision> decision = this.auditTrail.run(AuditAction.ADMIN_CONFIRM_SIGN_UP, caller, origin,
				new AuditEvent.Target(userPoolId, request.username(), null), reason,
				ClientMetadata.keys(request.metadata()), () -> {
					ManagedUserPool pool = this.userPools.require(userPoolId);
					this.authorization.require(caller, pool, Set.of(Permission.ADMIN_CONFIRM));
					if (pool.requireReason() && reason == null) {
						throw reasonRequired(pool);
					}
					return adminConfirm(pool, request);
				});
		return decision.result().toResult(userPoolId, request.username(), decision.auditEventId());
	}

	ConfirmationResult confirmSignUp(Caller caller, RequestOrigin origin, String userPoolId,
			ConfirmSignUpRequest request) {
		AuditTrail.Recorded<Decision> decision = this.auditTrail.run(AuditAction.CONFIRM_SIGN_UP, caller, origin,
				new AuditEvent.Target(userPoolId, request.username(), request.clientId()), null,
				ClientMetadata.keys(request.metadata()), () -> {
					ManagedUserPool pool = this.userPools.require(userPoolId);
					Set<Permission> required = EnumSet.of(Permission.CODE_CONFIRM);
					if (request.aliasCreationForced()) {
						required.add(Permission.FORCE_ALIAS);
					}
					this.authorization.require(caller, pool, required);
					ManagedUserPool.AppClient client = pool.appClient(request.clientId())
						.orElseThrow(() -> new ProblemException(ProblemCode.APP_CLIENT_NOT_MANAGED, "App client '"
								+ request.clientId() + "' is not configured for user pool '" + pool.alias() + "'."));
					return confirmWithCode(pool, client, request);
				});
		return decision.result().toResult(userPoolId, request.username(), decision.auditEventId());
	}

	/**
	 * Confirms each username as adminConfirmSignUp would, each with its own audit event,
	 * a few at a time and paced by the Cognito budget; a failure of one is reported in
	 * its place. What holds for all of them (the pool, the caller's permission, the
	 * reason) is checked first.
	 */
	BatchResult batchAdminConfirmSignUp(Caller caller, RequestOrigin origin, String userPoolId,
			BatchAdminConfirmSignUpRequest request) {
		if (new HashSet<>(request.usernames()).size() != request.usernames().size()) {
			ProblemException repeated = new ProblemException(ProblemCode.VALIDATION_FAILED,
					"The usernames of a batch must be distinct.")
				.with("errors", List.of(Map.of("field", "usernames", "message", "must be distinct")));
			this.auditTrail
				.rejected(AuditAction.ADMIN_CONFIRM_SIGN_UP, caller, origin,
						new AuditEvent.Target(userPoolId, null, null), request.reason(),
						ClientMetadata.keys(request.metadata()), repeated.code())
				.ifPresent((id) -> repeated.with("auditEventId", id));
			throw repeated;
		}
		try {
			ManagedUserPool pool = this.userPools.require(userPoolId);
			this.authorization.require(caller, pool, Set.of(Permission.ADMIN_CONFIRM));
			if (pool.requireReason() && !StringUtils.hasText(request.reason())) {
				throw reasonRequired(pool);
			}
		}
		catch (ProblemException ex) {
			// The batch as a whole is refused, and each of its attempts is on record.
			request.usernames()
				.forEach((username) -> this.auditTrail.rejected(AuditAction.ADMIN_CONFIRM_SIGN_UP, caller, origin,
						new AuditEvent.Target(userPoolId, username, null), request.reason(),
						ClientMetadata.keys(request.metadata()), ex.code()));
			throw ex;
		}
		String instance = "/api/v1/user-pools/" + userPoolId + "/admin-confirm-sign-up/batch";
		BatchRun run = new BatchRun(request.usernames(),
				(username) -> adminConfirmSignUp(caller, origin, userPoolId, request.item(username)), instance);
		return new BatchResult(run.run(this.batchExecutor, this.batchParallelism));
	}

	UserStatusResult getUserStatus(Caller caller, RequestOrigin origin, String userPoolId, String username) {
		AuditTrail.Recorded<StatusRead> read = this.auditTrail.run(AuditAction.GET_USER_STATUS, caller, origin,
				new AuditEvent.Target(userPoolId, username, null), null, List.of(), () -> {
					ManagedUserPool pool = this.userPools.require(userPoolId);
					this.authorization.require(caller, pool, Set.of(Permission.READ_USER));
					return new StatusRead(this.cognito.getUser(pool, username));
				});
		CognitoUser user = read.result().user();
		return new UserStatusResult(userPoolId, username, user.status(), user.enabled(), user.emailVerified(),
				user.isConfirmable(), read.auditEventId());
	}

	private Decision adminConfirm(ManagedUserPool pool, AdminConfirmSignUpRequest request) {
		CognitoUser user = this.cognito.getUser(pool, request.username());
		boolean markEmailVerified = request.emailVerificationRequested();
		if (markEmailVerified && !user.hasEmail()) {
			throw new ProblemException(ProblemCode.VALIDATION_FAILED,
					"markEmailVerified is set, but the user has no email address.")
				.with("errors",
						List.of(Map.of("field", "markEmailVerified", "message", "the user has no email attribute")));
		}
		if (user.isConfirmed()) {
			return verifyEmailIfAsked(pool, user, ConfirmationOutcome.ALREADY_CONFIRMED, markEmailVerified,
					user.requestId());
		}
		requireConfirmable(user);
		String requestId;
		try {
			requestId = this.cognito.adminConfirmSignUp(pool, user.username(), request.metadata());
		}
		catch (CognitoException ex) {
			if (!ex.is(NOT_AUTHORIZED)) {
				throw ex;
			}
			// Someone may have confirmed the user since we looked.
			CognitoUser now = this.cognito.getUser(pool, user.username());
			if (!now.isConfirmed()) {
				requireConfirmable(now);
				throw ex;
			}
			return verifyEmailIfAsked(pool, now, ConfirmationOutcome.ALREADY_CONFIRMED, markEmailVerified,
					now.requestId());
		}
		return verifyEmailIfAsked(pool, user, ConfirmationOutcome.CONFIRMED, markEmailVerified, requestId);
	}

	private Decision verifyEmailIfAsked(ManagedUserPool pool, CognitoUser user, ConfirmationOutcome outcome,
			boolean markEmailVerified, @Nullable String requestId) {
		if (!markEmailVerified || user.emailVerified() || user.email() == null) {
			return new Decision(outcome, user.status(), user.emailVerified(), requestId);
		}
		try {
			String updateRequestId = this.cognito.markEmailVerified(pool, user.username(), user.email());
			return new Decision(outcome, user.status(), true, updateRequestId);
		}
		catch (CognitoException ex) {
			// The user is confirmed now; repeating the request finishes the job.
			throw ex.with("userStatus", CognitoUser.CONFIRMED);
		}
	}

	private Decision confirmWithCode(ManagedUserPool pool, ManagedUserPool.AppClient client,
			ConfirmSignUpRequest request) {
		ConfirmSignUpRequest.UserContextData context = request.userContextData();
		ConfirmSignUpCall call = new ConfirmSignUpCall(pool, client.id(), client.secret(), request.username(),
				request.confirmationCode(), request.aliasCreationForced(), request.metadata(),
				(context != null) ? context.ipAddress() : null, (context != null) ? context.encodedData() : null,
				(request.analyticsMetadata() != null) ? request.analyticsMetadata().analyticsEndpointId() : null);
		try {
			String requestId = this.cognito.confirmSignUp(call);
			// Cognito confirms with a code only users that are UNCONFIRMED.
			return new Decision(ConfirmationOutcome.CONFIRMED, CognitoUser.UNCONFIRMED, null, requestId);
		}
		catch (CognitoException ex) {
			if (!ex.is(NOT_AUTHORIZED) && !ex.is(EXPIRED_CODE)) {
				throw ex;
			}
			// Cognito's answer for a confirmed, disabled or missing user is ambiguous:
			// the
			// user's status decides, never the message text.
			CognitoUser user = this.cognito.getUser(pool, request.username());
			if (user.isConfirmed()) {
				return new Decision(ConfirmationOutcome.ALREADY_CONFIRMED, user.status(), user.emailVerified(),
						user.requestId());
			}
			requireConfirmable(user);
			throw ex;
		}
	}

	private static ProblemException reasonRequired(ManagedUserPool pool) {
		return new ProblemException(ProblemCode.REASON_REQUIRED,
				"User pool '" + pool.alias() + "' requires a reason for confirming without a code.");
	}

	private static void requireConfirmable(CognitoUser user) {
		if (!user.isConfirmable()) {
			String status = user.enabled() ? user.status() : DISABLED;
			throw new ProblemException(ProblemCode.USER_NOT_CONFIRMABLE,
					"The user's status is " + status + "; only UNCONFIRMED, enabled users can be confirmed.")
				.with("userStatus", status);
		}
	}

	/**
	 * A status read, as its audit event records it.
	 */
	private record StatusRead(CognitoUser user) implements AuditTrail.Audited {

		@Override
		public AuditOutcome auditOutcome() {
			return AuditOutcome.SUCCEEDED;
		}

		@Override
		public @Nullable String cognitoRequestId() {
			return this.user.requestId();
		}

	}

	/**
	 * What a confirmation decided, before it is given its audit event id.
	 */
	private record Decision(ConfirmationOutcome outcome, @Nullable String previousStatus,
			@Nullable Boolean emailVerified, @Nullable String cognitoRequestId) implements AuditTrail.Audited {

		@Override
		public AuditOutcome auditOutcome() {
			return AuditOutcome.valueOf(this.outcome.name());
		}

		ConfirmationResult toResult(String userPoolId, String username, UUID auditEventId) {
			return new ConfirmationResult(userPoolId, username, this.outcome, this.previousStatus, this.emailVerified,
					auditEventId);
		}

	}

}
