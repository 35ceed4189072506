package com.acme.confirm.problem;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * The stable problem codes of the API contract. Each becomes the {@code code} extension
 * of a problem detail and the last segment of its {@code type} URI.
 */
public enum ProblemCode {

	VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Request validation failed"),

	REASON_REQUIRED(HttpStatus.BAD_REQUEST, "A reason is required for this user pool"),

	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required"),

	FORBIDDEN(HttpStatus.FORBIDDEN, "Not permitted"),

	NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),

	USER_POOL_NOT_MANAGED(HttpStatus.NOT_FOUND, "User pool not managed by this service"),

	APP_CLIENT_NOT_MANAGED(HttpStatus.NOT_FOUND, "App client not managed by this service"),

	USER_NOT_FOUND(HttpStatus.NOT_FOUND, "User not found"),

	CONFIRMATION_JOB_NOT_FOUND(HttpStatus.NOT_FOUND, "Confirmation job not found"),

	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),

	USER_NOT_CONFIRMABLE(HttpStatus.CONFLICT, "User cannot be confirmed"),

	AMBIGUOUS_USER(HttpStatus.CONFLICT, "The identifier matches several users"),

	ALIAS_EXISTS(HttpStatus.CONFLICT, "Alias already exists"),

	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),

	CONFIRMATION_JOB_STATE_CONFLICT(HttpStatus.CONFLICT, "The confirmation job's state does not allow this"),

	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	CODE_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, "Confirmation code does not match"),

	CODE_EXPIRED(HttpStatus.UNPROCESSABLE_CONTENT, "Confirmation code expired"),

	TOO_MANY_FAILED_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "Too many failed attempts"),

	THROTTLED(HttpStatus.TOO_MANY_REQUESTS, "Request rate exceeded"),

	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),

	COGNITO_TRIGGER_FAILED(HttpStatus.BAD_GATEWAY, "A Cognito Lambda trigger failed"),

	COGNITO_REJECTED(HttpStatus.BAD_GATEWAY, "Cognito rejected the request"),

	COGNITO_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Cognito is unavailable"),

	AUDIT_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Audit trail unavailable"),

	SOURCE_IDENTITY_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The caller's AWS session is unavailable"),

	COGNITO_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "Cognito did not answer in time");

	private static final String TYPE_BASE = "https://problems.cognito-confirm.acme.com/";

	private final HttpStatus status;

	private final String title;

	ProblemCode(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	public URI type() {
		return URI.create(TYPE_BASE + name().toLowerCase(Locale.ROOT).replace('_', '-'));
	}

	/**
	 * The code that stands for an HTTP status when Spring or the container rejected the
	 * request: any other client error is the caller's request breaking a rule
	 * (VALIDATION_FAILED), any other server error an INTERNAL_ERROR.
	 */
	public static ProblemCode forStatus(int status) {
		return switch (status) {
			case 400 -> VALIDATION_FAILED;
			case 401 -> UNAUTHENTICATED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> THROTTLED;
			case 503 -> COGNITO_UNAVAILABLE;
			default -> (status >= 400 && status < 500) ? VALIDATION_FAILED : INTERNAL_ERROR;
		};
	}

}
