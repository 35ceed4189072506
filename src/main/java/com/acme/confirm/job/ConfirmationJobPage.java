package com.acme.confirm.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * A page of a pool's confirmation jobs, newest first.
 *
 * @param jobs the jobs
 * @param nextPageToken where the next page starts; absent on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConfirmationJobPage(@Schema(requiredMode = REQUIRED) List<ConfirmationJob> jobs,
		@Nullable String nextPageToken) {
}
