package com.acme.confirm.confirmation;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How a batch is worked through, with real threads. A hang fails the test.
 */
@Timeout(10)
class BatchRunTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void resultsInRequestOrderWhileItemsFinishOutOfOrder() {
		List<String> usernames = IntStream.range(0, 40).mapToObj((i) -> "user-" + i).toList();
		Function<String, ConfirmationResult> confirm = (username) -> {
			sleep((username.hashCode() & 7) * 2);
			return confirmed(username);
		};

		List<BatchResult.Item> results = new BatchRun(usernames, confirm, "/batch").run(this.executor, 4);

		assertThat(results).extracting(BatchResult.Item::username).containsExactlyElementsOf(usernames);
		assertThat(results).allSatisfy((item) -> assertThat(item.outcome()).isEqualTo(ConfirmationOutcome.CONFIRMED));
	}

	@Test
	void helpersTheExecutorNeverStartsAreNotWaitedFor() {
		List<String> usernames = List.of("a", "b", "c");

		// An executor whose queue never drains: the calling thread does all the work.
		List<BatchResult.Item> results = new BatchRun(usernames, BatchRunTests::confirmed, "/batch").run((task) -> {
		}, 4);

		assertThat(results).extracting(BatchResult.Item::username).containsExactly("a", "b", "c");
	}

	@Test
	void afterTheAuditTrailFailsTheRestIsNotAttempted() {
		List<String> usernames = IntStream.range(0, 10).mapToObj((i) -> "user-" + i).toList();
		AtomicInteger attempts = new AtomicInteger();
		Function<String, ConfirmationResult> confirm = (username) -> {
			attempts.incrementAndGet();
			throw new ProblemException(ProblemCode.AUDIT_UNAVAILABLE, "down");
		};

		List<BatchResult.Item> results = new BatchRun(usernames, confirm, "/batch").run(this.executor, 1);

		assertThat(attempts).hasValue(1);
		assertThat(results).allSatisfy((item) -> assertThat(item.problem().getProperties()).containsEntry("code",
				ProblemCode.AUDIT_UNAVAILABLE.name()));
	}

	@Test
	void anUnexpectedFailureFailsTheBatchWithoutHanging() {
		List<String> usernames = IntStream.range(0, 30).mapToObj((i) -> "user-" + i).toList();
		Function<String, ConfirmationResult> confirm = (username) -> {
			if (username.equals("user-7")) {
				throw new IllegalStateException("boom");
			}
			sleep(2);
			return confirmed(username);
		};

		assertThatIllegalStateException()
			.isThrownBy(() -> new BatchRun(usernames, confirm, "/batch").run(this.executor, 4))
			.withMessage("boom");
	}

	private static ConfirmationResult confirmed(String username) {
		return new ConfirmationResult("us-east-1_Pool1", username, null, username, ConfirmationOutcome.CONFIRMED,
				"UNCONFIRMED", null, UUID.randomUUID());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
