package com.acme.confirm.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.acme.confirm.support.Api;
import com.acme.confirm.support.TestDatabase;
import com.acme.confirm.support.TestPools;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The job operations over HTTP, and the lanes of a job run to their end on the test's
 * thread (the shared test context has no scheduler running).
 */
final class JobTestSupport {

	private JobTestSupport() {
	}

	static ResponseEntity<JsonNode> create(Api api, String token, String userPoolId, Object body) {
		return api.post("/api/v1/user-pools/" + userPoolId + "/confirmation-jobs", token, body);
	}

	static ResponseEntity<JsonNode> create(Api api, String token, Object body) {
		return create(api, token, TestPools.CUSTOMERS, body);
	}

	static ResponseEntity<JsonNode> upload(Api api, String token, String query, String csv) {
		return api.exchange(HttpMethod.POST, "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/confirmation-jobs" + query,
				token, csv, Map.of("Content-Type", "text/csv"));
	}

	static ResponseEntity<JsonNode> get(Api api, String token, String path) {
		return api.exchange(HttpMethod.GET, path, token, null, Map.of());
	}

	static ResponseEntity<JsonNode> job(Api api, String token, UUID jobId) {
		return get(api, token, "/api/v1/confirmation-jobs/" + jobId);
	}

	static ResponseEntity<JsonNode> action(Api api, String token, UUID jobId, String action) {
		return api.exchange(HttpMethod.POST, "/api/v1/confirmation-jobs/" + jobId + "/" + action, token, null,
				Map.of());
	}

	static UUID jobId(ResponseEntity<JsonNode> created) {
		return UUID.fromString(created.getBody().path("jobId").asString());
	}

	/**
	 * Runs every lane of the job as the scheduler would, until each is done or waits
	 * (paused).
	 * @return whether every lane is done
	 */
	static boolean runLanes(JobLanes lanes, UUID jobId, int laneCount) {
		boolean done = true;
		for (int lane = 0; lane < laneCount; lane++) {
			Instant next = lanes.run(JobLanes.instanceId(jobId, lane), null);
			Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
			// a slice that ended goes on at once; a paused job's lane waits
			while (next != null && !next.isAfter(Instant.now()) && Instant.now().isBefore(giveUp)) {
				next = lanes.run(JobLanes.instanceId(jobId, lane), null);
			}
			done &= (next == null);
		}
		return done;
	}

	/** Leaves no unfinished job for the replicas later tests start with a scheduler. */
	static void cancelUnfinished(TestDatabase database) {
		database.update(
				"UPDATE confirmation_job SET state = 'CANCELLED' WHERE state IN ('QUEUED', 'RUNNING', " + "'PAUSED')");
	}

	static long jobCount(TestDatabase database) {
		return Long.parseLong(database.rows("SELECT COUNT(*) FROM confirmation_job").get(0).get(0));
	}

	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isMissingNode() || value.isNull() ? null : value.asString();
	}

}
