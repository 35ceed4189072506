package com.acme.confirm.audit;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * One page of audit events, newest first.
 *
 * @param events the events
 * @param nextPageToken pass as {@code pageToken} for the next page; absent on the last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditEventPage(@Schema(requiredMode = REQUIRED) List<AuditEvent> events, @Nullable String nextPageToken) {
}
