package com.acme.confirm.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query job lists the pool's users with ListUsers and selects exactly those of the
 * status created in the window: against the emulator (its real users, AdminGetUser the
 * witness that a dry run changed nothing), and against WireMock replaying Cognito's pages
 * with PaginationToken, which the emulator does not page.
 */
class QueryJobTests extends IntegrationTests {

	private final JobLanes lanes;

	private final JobListing listing;

	private final JobProperties properties;

	QueryJobTests(JobLanes lanes, JobListing listing, JobProperties properties) {
		this.lanes = lanes;
		this.listing = listing;
		this.properties = properties;
	}

	@AfterEach
	void leaveNoJobRunning() {
		JobTestSupport.cancelUnfinished(this.database);
	}

	@Test
	void queryWhenDryRunThenExactlyTheUnconfirmedUsersCreatedInTheWindowAndNothingChanged()
			throws InterruptedException {
		// a prefix of this test's own: the pool holds every other test's users too
		String prefix = newUsername("query") + ".";
		String before = newUsername("query-before");
		this.cognito.signUp(before, prefix + before + "@example.com");
		Thread.sleep(1100);
		// the emulator keeps UserCreateDate in whole seconds
		Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String first = newUsername("query-in-a");
		this.cognito.signUp(first, prefix + first + "@example.com");
		String second = newUsername("query-in-b");
		this.cognito.signUp(second, prefix + second + "@example.com");
		String confirmed = newUsername("query-confirmed");
		this.cognito.signUp(confirmed, prefix + confirmed + "@example.com");
		this.cognito.client()
			.adminConfirmSignUp((request) -> request.userPoolId(TestPools.CUSTOMERS).username(confirmed));
		Thread.sleep(1100);
		Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String after = newUsername("query-after");
		this.cognito.signUp(after, prefix + after + "@example.com");

		UUID jobId = JobTestSupport.jobId(JobTestSupport.create(this.api, admin(),
				Map.of("dryRun", true, "query", Map.of("status", "UNCONFIRMED", "createdAfter", from.toString(),
						"createdBefore", to.toString(), "attribute", Map.of("name", "email", "prefix", prefix)))));
		assertThat(JobTestSupport.job(this.api, admin(), jobId).getBody().path("counts").path("total").isNull())
			.isTrue();
		listAll(jobId);
		assertThat(JobTestSupport.runLanes(this.lanes, jobId, this.properties.lanes())).isTrue();

		JsonNode job = JobTestSupport.job(this.api, admin(), jobId).getBody();
		assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.path("counts").path("total").asLong()).isEqualTo(2);
		assertThat(job.path("counts").path("wouldConfirm").asLong()).isEqualTo(2);
		JsonNode items = JobTestSupport.get(this.api, admin(), "/api/v1/confirmation-jobs/" + jobId + "/items")
			.getBody()
			.path("items");
		assertThat(items.findValuesAsString("username")).containsExactlyInAnyOrder(first, second);
		assertThat(this.cognito.status(first)).isEqualTo("UNCONFIRMED");
		assertThat(this.cognito.status(second)).isEqualTo("UNCONFIRMED");
		assertThat(this.wire.requests("AdminConfirmSignUp")).isEmpty();
		assertThat(this.wire.requests("ListUsers")).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getBodyAsString())
				.contains("\"Filter\":\"email ^= \\\"" + prefix + "\\\"\""));
	}

	@Test
	void queryWhenCognitoPagesThenEveryPageFollowedAndTheWindowAppliedToUserCreateDate() {
		// Real Cognito's wire format: epoch seconds, attributes as Name/Value pairs.
		this.wire.onListUsersPage(null,
				CognitoWire.ok("{\"Users\":[" + user("p-early", "UNCONFIRMED", "2026-11-29T23:59:59Z") + ","
						+ user("p-in-1", "UNCONFIRMED", "2026-11-30T00:00:00Z") + ","
						+ user("p-status", "CONFIRMED", "2026-11-30T01:00:00Z") + "],\"PaginationToken\":\"page-2\"}"));
		this.wire.onListUsersPage("page-2",
				CognitoWire.ok("{\"Users\":[" + user("p-in-2", "UNCONFIRMED", "2026-11-30T23:59:59Z") + ","
						+ user("p-late", "UNCONFIRMED", "2026-12-01T00:00:00Z") + "]}"));

		UUID jobId = JobTestSupport.jobId(JobTestSupport.create(this.api, admin(),
				Map.of("dryRun", true, "query", Map.of("createdAfter", "2026-11-30T00:00:00Z", "createdBefore",
						"2026-12-01T00:00:00Z", "attribute", Map.of("name", "email", "prefix", "p-")))));
		assertThat(this.listing.run(jobId)).isNull();

		assertThat(
				this.database.rows("SELECT username FROM confirmation_job_item WHERE job_id = ? ORDER BY seq", jobId))
			.containsExactly(List.of("p-in-1"), List.of("p-in-2"));
		assertThat(this.wire.requests("ListUsers")).hasSize(2)
			.allSatisfy(
					(request) -> assertThat(request.getBodyAsString()).contains("\"Filter\":\"email ^= \\\"p-\\\"\""));
		// listed again (a replica that took over), nobody is added twice
		this.database.update("UPDATE confirmation_job SET listed = FALSE, listing_token = NULL WHERE id = ?", jobId);
		assertThat(this.listing.run(jobId)).isNull();
		assertThat(this.database.rows("SELECT COUNT(*) FROM confirmation_job_item WHERE job_id = ?", jobId))
			.containsExactly(List.of("2"));
		assertThat(this.database.rows("SELECT total, listed FROM confirmation_job WHERE id = ?", jobId).get(0).get(0))
			.isEqualTo("2");
	}

	private void listAll(UUID jobId) throws InterruptedException {
		for (int run = 0; run < 10 && this.listing.run(jobId) != null; run++) {
			Thread.sleep(200);
		}
	}

	private static String user(String username, String status, String created) {
		long epoch = Instant.parse(created).getEpochSecond();
		return "{\"Username\":\"" + username + "\",\"UserStatus\":\"" + status + "\",\"Enabled\":true,"
				+ "\"UserCreateDate\":" + epoch + ",\"UserLastModifiedDate\":" + epoch + ",\"Attributes\":["
				+ "{\"Name\":\"sub\",\"Value\":\"sub-" + username + "\"},{\"Name\":\"email\",\"Value\":\"" + username
				+ "@example.com\"}]}";
	}

}
