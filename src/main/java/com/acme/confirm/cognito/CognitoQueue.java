package com.acme.confirm.cognito;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Lets work that may take its time (a batch's items, later bulk jobs) wait its turn for
 * the Cognito budget instead of being refused after {@code max-budget-wait}. Every
 * Cognito call made inside {@link #until} waits for its first attempt's token until the
 * work's deadline, behind the calls that asked before it, across the replicas where the
 * budget is shared; its retries still wait at most {@code max-budget-wait}, within their
 * attempt.
 */
@Component
public final class CognitoQueue {

	private static final ThreadLocal<@Nullable Instant> DEADLINE = new ThreadLocal<>();

	private final CognitoProperties properties;

	CognitoQueue(CognitoProperties properties) {
		this.properties = properties;
	}

	/**
	 * How long {@code items} units of work, each making {@code callsPerItem}, take at
	 * most: at the pace of the slowest budget they draw from, with every expected replica
	 * running such work at once, plus the margin. That is
	 * {@code items × expected-replicas
	 * × max over categories (calls in it ÷ (its rate × 0.97)) + queue-deadline-margin},
	 * 0.97 being the budget's jitter margin.
	 * @param items the units of work
	 * @param callsPerItem the Cognito calls one unit makes, repeated as often as it makes
	 * them
	 * @return the time to allow for all of them
	 */
	public Duration timeFor(int items, Collection<CognitoCall> callsPerItem) {
		Map<QuotaCategory, Integer> calls = new EnumMap<>(QuotaCategory.class);
		callsPerItem.forEach((call) -> calls.merge(call.category(), 1, Integer::sum));
		double secondsPerItem = 0;
		for (Map.Entry<QuotaCategory, Integer> category : calls.entrySet()) {
			double rate = this.properties.requestsPerSecond(category.getKey()) * BudgetBuckets.JITTER_MARGIN;
			secondsPerItem = Math.max(secondsPerItem, category.getValue() / rate);
		}
		double seconds = items * this.properties.expectedReplicas() * secondsPerItem;
		return Duration.ofNanos((long) Math.ceil(seconds * 1e9)).plus(this.properties.queueDeadlineMargin());
	}

	/**
	 * Runs the work with each of its Cognito calls waiting for the budget until the
	 * deadline (at least {@code max-budget-wait}).
	 * @param <T> the result type
	 * @param deadline until when the calls may wait
	 * @param work the work
	 * @return its result
	 */
	public <T> T until(Instant deadline, Supplier<T> work) {
		Instant outer = DEADLINE.get();
		DEADLINE.set(deadline);
		try {
			return work.get();
		}
		finally {
			if (outer != null) {
				DEADLINE.set(outer);
			}
			else {
				DEADLINE.remove();
			}
		}
	}

	/** The deadline of the work on this thread; {@code null} for an interactive call. */
	static @Nullable Instant deadline() {
		return DEADLINE.get();
	}

}
