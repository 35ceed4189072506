package com.acme.confirm.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.acme.confirm.confirmation.RequestConstraints;
import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import org.jspecify.annotations.Nullable;

/**
 * The usernames of a {@code text/csv} upload, read one line at a time from the stream and
 * never held whole: one username a line, an optional first line {@code username}, blank
 * lines skipped, a value in double quotes unquoted (RFC 4180, for usernames with a comma
 * or a quote). A line that is not a valid username, or one longer than any could be, is
 * refused with its line number before more is read.
 */
final class CsvUsernames {

	private static final Pattern USERNAME = Pattern.compile(RequestConstraints.USERNAME);

	private static final String HEADER = "username";

	private final Reader reader;

	private final StringBuilder line = new StringBuilder();

	private long lineNumber;

	private boolean started;

	CsvUsernames(InputStream body) {
		this.reader = new java.io.BufferedReader(new InputStreamReader(body,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)),
				64 * 1024);
	}

	/**
	 * The next username.
	 * @return it; {@code null} at the end of the body
	 * @throws ProblemException VALIDATION_FAILED for a line that is not a username
	 */
	@Nullable String next() {
		while (true) {
			String value = readLine();
			if (value == null) {
				return null;
			}
			if (value.isBlank()) {
				continue;
			}
			boolean first = !this.started;
			this.started = true;
			if (first && HEADER.equalsIgnoreCase(value.strip())) {
				continue;
			}
			String username = unquoted(value);
			if (username.length() > RequestConstraints.USERNAME_MAX || !USERNAME.matcher(username).matches()) {
				throw invalid("is not a username (1 to " + RequestConstraints.USERNAME_MAX
						+ " letters, marks, symbols, digits or punctuation)");
			}
			return username;
		}
	}

	/** The number of the line last read, from 1. */
	long lineNumber() {
		return this.lineNumber;
	}

	private @Nullable String readLine() {
		this.line.setLength(0);
		try {
			int c = this.reader.read();
			if (c < 0) {
				return null;
			}
			this.lineNumber++;
			while (c >= 0 && c != '\n') {
				if (this.line.length() >= JobLimits.CSV_LINE_MAX) {
					throw invalid("is longer than " + JobLimits.CSV_LINE_MAX + " characters");
				}
				this.line.append((char) c);
				c = this.reader.read();
			}
		}
		catch (CharacterCodingException ex) {
			throw new ProblemException(ProblemCode.VALIDATION_FAILED, "The CSV body is not UTF-8 text.").with("errors",
					List.of(Map.of("field", "line " + (this.lineNumber + 1), "message", "is not UTF-8")));
		}
		catch (IOException ex) {
			throw new ProblemException(ProblemCode.VALIDATION_FAILED, "The CSV body could not be read to its end.", ex);
		}
		int end = this.line.length();
		if (end > 0 && this.line.charAt(end - 1) == '\r') {
			this.line.setLength(end - 1);
		}
		return this.line.toString();
	}

	private String unquoted(String value) {
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			String inner = value.substring(1, value.length() - 1);
			if (inner.replace("\"\"", "").contains("\"")) {
				throw invalid("has a quote that is not doubled");
			}
			return inner.replace("\"\"", "\"");
		}
		return value;
	}

	ProblemException invalid(String message) {
		return new ProblemException(ProblemCode.VALIDATION_FAILED,
				"Line " + this.lineNumber + " of the CSV " + message + ".")
			.with("errors", List.of(Map.of("field", "line " + this.lineNumber, "message", message)));
	}

}
