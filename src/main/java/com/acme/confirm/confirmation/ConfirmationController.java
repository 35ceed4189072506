package com.acme.confirm.confirmation;

import com.acme.confirm.audit.AuditAction;
import com.acme.confirm.audit.Audited;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemResponses;
import com.acme.confirm.security.Caller;
import com.acme.confirm.userpool.Permission;
import com.acme.confirm.userpool.UserPools;
import com.acme.confirm.web.BodyLimit;
import com.acme.confirm.web.RequestOrigin;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/user-pools/{userPoolId}")
@Tag(name = "confirmation", description = "Confirm Cognito sign-ups")
class ConfirmationController {

	private final ConfirmationService confirmations;

	private final BatchConfirmationService batches;

	ConfirmationController(ConfirmationService confirmations, BatchConfirmationService batches) {
		this.confirmations = confirmations;
		this.batches = batches;
	}

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.REASON_REQUIRED, ProblemCode.FORBIDDEN,
			ProblemCode.USER_POOL_NOT_MANAGED, ProblemCode.USER_NOT_FOUND, ProblemCode.USER_NOT_CONFIRMABLE,
			ProblemCode.AMBIGUOUS_USER, ProblemCode.PAYLOAD_TOO_LARGE, ProblemCode.UNSUPPORTED_MEDIA_TYPE,
			ProblemCode.THROTTLED, ProblemCode.COGNITO_TRIGGER_FAILED, ProblemCode.COGNITO_REJECTED,
			ProblemCode.COGNITO_UNAVAILABLE, ProblemCode.AUDIT_UNAVAILABLE, ProblemCode.SOURCE_IDENTITY_UNAVAILABLE,
			ProblemCode.COGNITO_TIMEOUT })
	@Operation(operationId = "adminConfirmSignUp", summary = "Confirm a user without a code",
			description = "Finds the user first: the username may be an alias or the sub, and an identifier that "
					+ "Cognito does not know as a username is looked up in the pool's lookup attributes (an "
					+ "unverified e-mail of an UNCONFIRMED user too; several matches answer AMBIGUOUS_USER). A "
					+ "CONFIRMED user answers ALREADY_CONFIRMED without a change; only an UNCONFIRMED, enabled user "
					+ "is confirmed. Needs ADMIN_CONFIRM on the pool.")
	@Audited(AuditAction.ADMIN_CONFIRM_SIGN_UP)
	@PoolPermission(Permission.ADMIN_CONFIRM)
	@PostMapping(path = "/admin-confirm-sign-up", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ConfirmationResult adminConfirmSignUp(@Parameter(example = "eu-west-1_AbCdEf123") @PathVariable @Size(min = 1,
			max = RequestConstraints.USER_POOL_ID_MAX) @Pattern(regexp = UserPools.POOL_ID_PATTERN) String userPoolId,
			@Valid @RequestBody AdminConfirmSignUpRequest request, Caller caller, RequestOrigin origin) {
		return this.confirmations.adminConfirmSignUp(caller, origin, userPoolId, request);
	}

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.REASON_REQUIRED, ProblemCode.FORBIDDEN,
			ProblemCode.USER_POOL_NOT_MANAGED, ProblemCode.PAYLOAD_TOO_LARGE, ProblemCode.UNSUPPORTED_MEDIA_TYPE })
	@Operation(operationId = "batchAdminConfirmSignUp", summary = "Confirm up to 100 users without a code",
			description = "Each username is confirmed as adminConfirmSignUp would, with its own audit event, a few "
					+ "at a time and paced under the service's Cognito request budget; the results come in request "
					+ "order. A failure of one username is reported as its problem and does not fail the batch; "
					+ "once the audit trail fails, the remaining usernames are not attempted and report "
					+ "AUDIT_UNAVAILABLE. Needs ADMIN_CONFIRM on the pool.")
	@Audited(AuditAction.ADMIN_CONFIRM_SIGN_UP)
	@PoolPermission(Permission.ADMIN_CONFIRM)
	@BodyLimit(BodyLimit.Kind.BATCH)
	@PostMapping(path = "/admin-confirm-sign-up/batch", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	BatchResult batchAdminConfirmSignUp(@Parameter(example = "eu-west-1_AbCdEf123") @PathVariable @Size(min = 1,
			max = RequestConstraints.USER_POOL_ID_MAX) @Pattern(regexp = UserPools.POOL_ID_PATTERN) String userPoolId,
			@Valid @RequestBody BatchAdminConfirmSignUpRequest request, Caller caller, RequestOrigin origin) {
		return this.batches.batchAdminConfirmSignUp(caller, origin, userPoolId, request);
	}

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.FORBIDDEN, ProblemCode.USER_POOL_NOT_MANAGED,
			ProblemCode.USER_NOT_FOUND, ProblemCode.AMBIGUOUS_USER, ProblemCode.THROTTLED, ProblemCode.COGNITO_REJECTED,
			ProblemCode.COGNITO_UNAVAILABLE, ProblemCode.AUDIT_UNAVAILABLE, ProblemCode.SOURCE_IDENTITY_UNAVAILABLE,
			ProblemCode.COGNITO_TIMEOUT })
	@Operation(operationId = "getUserStatus", summary = "Read a user's confirmation status",
			description = "Calls Cognito AdminGetUser, and ListUsers for an identifier that is not a username, as "
					+ "adminConfirmSignUp finds users. The username travels as a query parameter, never in the "
					+ "path. Needs READ_USER on the pool.")
	@Audited(AuditAction.GET_USER_STATUS)
	@PoolPermission(Permission.READ_USER)
	@GetMapping(path = "/user-status", produces = MediaType.APPLICATION_JSON_VALUE)
	UserStatusResult getUserStatus(@Parameter(example = "eu-west-1_AbCdEf123") @PathVariable @Size(min = 1,
			max = RequestConstraints.USER_POOL_ID_MAX) @Pattern(regexp = UserPools.POOL_ID_PATTERN) String userPoolId,
			@Parameter(example = "jane@example.com") @RequestParam @Size(min = 1,
					max = RequestConstraints.USERNAME_MAX) @Pattern(
							regexp = RequestConstraints.USERNAME) String username,
			Caller caller, RequestOrigin origin) {
		return this.confirmations.getUserStatus(caller, origin, userPoolId, username);
	}

	@ProblemResponses({ ProblemCode.VALIDATION_FAILED, ProblemCode.FORBIDDEN, ProblemCode.USER_POOL_NOT_MANAGED,
			ProblemCode.APP_CLIENT_NOT_MANAGED, ProblemCode.USER_NOT_FOUND, ProblemCode.USER_NOT_CONFIRMABLE,
			ProblemCode.ALIAS_EXISTS, ProblemCode.PAYLOAD_TOO_LARGE, ProblemCode.UNSUPPORTED_MEDIA_TYPE,
			ProblemCode.CODE_MISMATCH, ProblemCode.CODE_EXPIRED, ProblemCode.TOO_MANY_FAILED_ATTEMPTS,
			ProblemCode.THROTTLED, ProblemCode.COGNITO_TRIGGER_FAILED, ProblemCode.COGNITO_REJECTED,
			ProblemCode.COGNITO_UNAVAILABLE, ProblemCode.AUDIT_UNAVAILABLE, ProblemCode.SOURCE_IDENTITY_UNAVAILABLE,
			ProblemCode.COGNITO_TIMEOUT })
	@Operation(operationId = "confirmSignUp", summary = "Confirm a user with the code the user received",
			description = "Calls Cognito ConfirmSignUp, with the SecretHash computed by the service for clients "
					+ "with a secret. A user who is already CONFIRMED answers ALREADY_CONFIRMED. Needs CODE_CONFIRM "
					+ "on the pool, and FORCE_ALIAS as well for forceAliasCreation=true.")
	@Audited(AuditAction.CONFIRM_SIGN_UP)
	@PoolPermission(Permission.CODE_CONFIRM)
	@PostMapping(path = "/confirm-sign-up", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ConfirmationResult confirmSignUp(@Parameter(example = "eu-west-1_AbCdEf123") @PathVariable @Size(min = 1,
			max = RequestConstraints.USER_POOL_ID_MAX) @Pattern(regexp = UserPools.POOL_ID_PATTERN) String userPoolId,
			@Valid @RequestBody ConfirmSignUpRequest request, Caller caller, RequestOrigin origin) {
		return this.confirmations.confirmSignUp(caller, origin, userPoolId, request);
	}

}
