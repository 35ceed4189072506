package com.acme.confirm.cognito;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.acme.confirm.userpool.ManagedUserPool;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Who the Cognito calls of a pool with {@code source-identity} are made for: the caller
 * whose work runs inside {@link #actingFor}, named in STS's SourceIdentity (and session
 * name), which CloudTrail shows on every event made with the session's credentials.
 * <p>
 * STS allows 2 to 64 characters of {@code [A-Za-z0-9_+=,.@-]}. A subject made of those
 * alone is used as it is; any other has each other character replaced by {@code _}, is
 * cut to 53 characters and gets {@code -} and the first 10 hex digits of the SHA-256 of
 * the whole subject appended, so that two subjects never share a mapped name by being cut
 * or replaced alike. Work that no caller started (reconciling a PENDING event) is made as
 * {@value #SERVICE}.
 */
@Component
public final class SourceIdentities {

	/** The SourceIdentity of work that no caller started. */
	public static final String SERVICE = "cognito-confirm-service";

	private static final Pattern ALLOWED = Pattern.compile("[\\w+=,.@-]{2,64}");

	private static final Pattern NOT_ALLOWED = Pattern.compile("[^\\w+=,.@-]");

	private static final int HASH_DIGITS = 10;

	private static final int KEPT = 64 - 1 - HASH_DIGITS;

	private static final ThreadLocal<@Nullable String> CALLER = new ThreadLocal<>();

	private final AwsProperties aws;

	SourceIdentities(AwsProperties aws) {
		this.aws = aws;
	}

	/**
	 * The SourceIdentity that the pool's calls made for this caller carry, or empty when
	 * the pool's calls are signed by the service's own role.
	 * @param pool the pool
	 * @param subject the caller's subject
	 * @return the mapped subject, when the pool signs with it
	 */
	public Optional<String> forCaller(ManagedUserPool pool, String subject) {
		return signs(pool) ? Optional.of(of(subject)) : Optional.empty();
	}

	/**
	 * Runs the work with its Cognito calls made for this caller.
	 * @param <T> the result type
	 * @param subject the caller's subject
	 * @param work the work
	 * @return its result
	 */
	public <T> T actingFor(String subject, Supplier<T> work) {
		String outer = CALLER.get();
		CALLER.set(subject);
		try {
			return work.get();
		}
		finally {
			if (outer != null) {
				CALLER.set(outer);
			}
			else {
				CALLER.remove();
			}
		}
	}

	/** Whether the pool's Cognito calls are signed with a SourceIdentity session. */
	boolean signs(ManagedUserPool pool) {
		return (pool.sourceIdentity() != null) ? pool.sourceIdentity() : this.aws.sourceIdentity();
	}

	/** The mapped SourceIdentity of the work on this thread. */
	static String current() {
		String subject = CALLER.get();
		return (subject != null) ? of(subject) : SERVICE;
	}

	/**
	 * The subject in STS's characters and length, as the class describes.
	 * @param subject the caller's subject
	 * @return a valid SourceIdentity and role session name
	 */
	public static String of(String subject) {
		if (ALLOWED.matcher(subject).matches()) {
			return subject;
		}
		String kept = NOT_ALLOWED.matcher(subject).replaceAll("_");
		if (kept.length() > KEPT) {
			kept = kept.substring(0, KEPT);
		}
		return kept + "-" + sha256(subject).substring(0, HASH_DIGITS);
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			// SHA-256 is required of every Java platform.
			throw new IllegalStateException(ex);
		}
	}

}
