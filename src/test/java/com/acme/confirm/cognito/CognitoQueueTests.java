package com.acme.confirm.cognito;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queued job's deadline: items × expected replicas × the slowest category's time per
 * item (its calls ÷ (rate × 0.97)) + the margin.
 */
class CognitoQueueTests {

	private static final List<CognitoCall> CONFIRM = List.of(CognitoCall.GET_USER, CognitoCall.ADMIN_CONFIRM_SIGN_UP);

	@Test
	void timeForWhenItemsReadAndConfirmThenTheConfirmBudgetSetsThePaceForEveryExpectedReplica() {
		CognitoQueue queue = new CognitoQueue(properties(10, 24, 5, 2, Duration.ofSeconds(10)));

		// 100 × 2 ÷ (10 × 0.97) = 20.62 s, the reads (24/s) being faster
		assertThat(queue.timeFor(100, CONFIRM)).isBetween(Duration.ofMillis(30_618), Duration.ofMillis(30_620));
		assertThat(queue.timeFor(1, CONFIRM)).isBetween(Duration.ofMillis(10_206), Duration.ofMillis(10_207));
	}

	@Test
	void timeForWhenItemsAlsoUpdateThenTheSlowerUpdateBudgetSetsThePace() {
		CognitoQueue queue = new CognitoQueue(properties(10, 24, 5, 3, Duration.ofSeconds(5)));

		// 40 × 3 ÷ (5 × 0.97) = 24.74 s
		assertThat(queue.timeFor(40,
				List.of(CognitoCall.GET_USER, CognitoCall.ADMIN_CONFIRM_SIGN_UP, CognitoCall.MARK_EMAIL_VERIFIED)))
			.isBetween(Duration.ofMillis(29_742), Duration.ofMillis(29_743));
	}

	@Test
	void timeForCountsACallMadeTwiceTwice() {
		CognitoQueue queue = new CognitoQueue(properties(10, 10, 10, 1, Duration.ZERO));

		// two reads per item at 10/s: 10 × 2 ÷ 9.7 = 2.06 s
		assertThat(queue.timeFor(10, List.of(CognitoCall.GET_USER, CognitoCall.GET_USER, CognitoCall.CONFIRM_SIGN_UP)))
			.isBetween(Duration.ofMillis(2_061), Duration.ofMillis(2_062));
	}

	@Test
	void untilSetsTheDeadlineForTheWorkOnlyAndRestoresTheOuterOne() {
		CognitoQueue queue = new CognitoQueue(properties(10, 10, 10, 1, Duration.ZERO));
		Instant outer = Instant.now().plusSeconds(60);
		Instant inner = Instant.now().plusSeconds(5);

		Instant seen = queue.until(outer, () -> {
			assertThat(queue.until(inner, CognitoQueue::deadline)).isEqualTo(inner);
			return CognitoQueue.deadline();
		});

		assertThat(seen).isEqualTo(outer);
		assertThat(CognitoQueue.deadline()).isNull();
	}

	private static CognitoProperties properties(double creation, double read, double update, int replicas,
			Duration margin) {
		return new CognitoProperties(null, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2), 3, 50,
				creation, read, update, 6, Duration.ofSeconds(1), null, null, replicas, margin);
	}

}
