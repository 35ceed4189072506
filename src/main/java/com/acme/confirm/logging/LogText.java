package com.acme.confirm.logging;

import org.jspecify.annotations.Nullable;

/**
 * Escapes what could end a log line early or drive a terminal: C0 and C1 control
 * characters (CR, LF, ESC and the single-byte CSI that start ANSI sequences), DEL and the
 * Unicode line and paragraph separators become {@code \n}, {@code \r}, {@code \t} or
 * {@code \}{@code uXXXX}; a backslash stays as it is.
 */
final class LogText {

	private LogText() {
	}

	static @Nullable String escape(@Nullable String text) {
		if (text == null || text.chars().noneMatch(LogText::needsEscape)) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!needsEscape(c)) {
				escaped.append(c);
			}
			else if (c == '\n') {
				escaped.append("\\n");
			}
			else if (c == '\r') {
				escaped.append("\\r");
			}
			else if (c == '\t') {
				escaped.append("\\t");
			}
			else {
				escaped.append(String.format("\\u%04x", (int) c));
			}
		}
		return escaped.toString();
	}

	private static boolean needsEscape(int c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
	}

}
