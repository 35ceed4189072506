package com.acme.confirm.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.jspecify.annotations.Nullable;

/**
 * A job's items as CSV lines (RFC 4180): a value with a comma, a quote or a line break is
 * quoted. Usernames are written as they are, for the tools that read the export back.
 */
final class JobItemsCsv {

	private JobItemsCsv() {
	}

	static void write(Writer out, JobItemRepository.ItemRow item) {
		ItemOutcome outcome = item.outcome();
		Object code = (item.problem() != null && item.problem().getProperties() != null)
				? item.problem().getProperties().get("code") : null;
		try {
			out.write(field(item.username()));
			out.write(',');
			out.write((outcome != null && outcome != ItemOutcome.FAILED) ? outcome.name() : "");
			out.write(',');
			out.write((code != null) ? field(code.toString()) : "");
			out.write(',');
			out.write((item.auditEventId() != null) ? item.auditEventId().toString() : "");
			out.write(',');
			out.write((item.completedAt() != null) ? item.completedAt().toString() : "");
			out.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String field(@Nullable String value) {
		if (value == null) {
			return "";
		}
		if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
				|| value.indexOf('\r') >= 0) {
			return "\"" + value.replace("\"", "\"\"") + "\"";
		}
		return value;
	}

}
