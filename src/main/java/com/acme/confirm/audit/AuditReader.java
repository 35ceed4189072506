package com.acme.confirm.audit;

import java.nio.charset.StandardCharsets;
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

/**
 * Reads the audit trail for callers with AUDIT_READ.
 */
@Service
class AuditReader {

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

	ChainVerification verify(Caller caller) {
		this.authorization.requireAuditReader(caller);
		return reading(this.verifier::verify);
	}

	private static <T> T reading(Supplier<T> read) {
		try {
			return read.get();
		}
		catch (DataAccessException ex) {
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
