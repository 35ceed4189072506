package com.acme.confirm.logging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the service's logs may hold. {@link LogSafety} reads the property from the
 * environment when Boot configures logging, before beans exist; this record documents and
 * validates it.
 *
 * @param allowWireLog lets {@code logging.level.*} turn on the Apache HttpClient and AWS
 * SDK loggers below INFO, which print request bodies (confirmation codes, SecretHashes,
 * clientMetadata), signed headers (session tokens) and Cognito's messages; for a
 * debugging session against a test pool only, never in production
 */
@Validated
@ConfigurationProperties("confirm.logging")
record LoggingProperties(@DefaultValue("false") boolean allowWireLog) {
}
