package com.acme.confirm.web;

import org.jspecify.annotations.Nullable;

/**
 * Where a request came from, for the audit trail. Controllers take it as a parameter.
 *
 * @param sourceIp the client's address (the proxy's, unless forwarded headers are trusted
 * through {@code server.forward-headers-strategy})
 * @param userAgent the client's User-Agent header
 */
public record RequestOrigin(@Nullable String sourceIp, @Nullable String userAgent) {
}
