package com.acme.confirm.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.acme.confirm.security.Authorization;
import com.acme.confirm.security.Caller;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;

/**
 * Reads the audit trail for callers with AUDIT_READ.
 */
@Service
class AuditReader {

	/**
	 * An incremental verification takes well under that; asking again costs one read of a
	 * locked row, so a caller waiting out a longer, full one may ask a few times.
	 */
	private static final Duration VERIFICATION_RETRY_AFTER = Duration.ofSeconds(2);

	private final AuditQueries queries;

	private final AuditChainVerifier verifier;

	private final Authorization authorization;

	AuditReader(AuditQueries queries, AuditChainVerifier verifier, Authorization authorization) {
		this.queries = queries;
		this.verifier = verifier;
		this.authorization = authorization;
	}

	AuditEventPage find(Caller caller, AuditQuery query) {
		this.authorization.requireAuditReader(caller);
		int limit = query.limit();
		AuditQueries.Cursor after = decode(query.pageToken());
		List<AuditRow> rows = reading(() -> this.queries.find(query, after, limit + 1));
		String next = null;
		if (rows.size() > limit) {
			rows = rows.subList(0, limit);
			AuditRow last = rows.get(limit - 1);
			next = encode(new AuditQueries.Cursor(last.occurredAt(), last.id()));
		}
		return new AuditEventPage(rows.stream().map(AuditRow::toEvent).toList(), next);
	}

	/**
	 * Verifies the chain; while another verification runs (in any instance), the caller
	 * is asked to come back rather than handed an older verdict it did not ask for.
	 */
	ChainVerification verify(Caller caller, boolean full) {
		this.authorization.requireAuditReader(caller);
		return reading(() -> this.verifier.verify(full)).orElseThrow(() -> new ProblemException(ProblemCode.THROTTLED,
				"Another verification of the audit chain is running; retry after the time given in Retry-After.")
			.retryAfter(VERIFICATION_RETRY_AFTER));
	}

	private static <T> T reading(Supplier<T> read) {
		try {
			return read.get();
		}
		catch (DataAccessException | TransactionException ex) {
			// the verification's transaction fails to begin with a TransactionException
			throw new ProblemException(ProblemCode.AUDIT_UNAVAILABLE, "The audit trail could not be read.", ex);
		}
	}

	private static String encode(AuditQueries.Cursor cursor) {
		String text = cursor.occurredAt() + "|" + cursor.id();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static AuditQueries.@Nullable Cursor decode(@Nullable String token) {
		if (token == null || token.isEmpty()) {
			return null;
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
			if (parts.length != 2) {
				throw new IllegalArgumentException("not a cursor");
			}
			return new AuditQueries.Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw new ProblemException(ProblemCode.VALIDATION_FAILED, "pageToken is not one this service issued.")
				.with("errors", List.of(Map.of("field", "pageToken", "message", "is not a valid page token")));
		}
	}

}
