package com.acme.confirm.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LaneRunTests {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void runWhenParallelismFourThenFourItemsAreInFlightTogether() {
		// Each step waits at a barrier of four: one at a time, the first would wait alone
		// and break the barrier after its timeout.
		CyclicBarrier together = new CyclicBarrier(4);
		Optional<LaneRun.Stop> stop = new LaneRun(items(8), (item) -> {
			try {
				together.await(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("items were not in flight together", ex);
			}
			return LaneRun.GO_ON;
		}).run(this.executor, 4);
		assertThat(stop).isEmpty();
	}

	@Test
	void runWhenAStepStopsThenNoLaterItemStartsAndItsStopIsAnswered() {
		Instant later = Instant.parse("2026-12-02T12:00:00Z");
		Set<Long> started = ConcurrentHashMap.newKeySet();
		Optional<LaneRun.Stop> stop = new LaneRun(items(20), (item) -> {
			started.add(item.seq());
			return (item.seq() == 5) ? Optional.of(new LaneRun.Stop(later)) : LaneRun.GO_ON;
		}).run(this.executor, 1);
		assertThat(stop).contains(new LaneRun.Stop(later));
		assertThat(started).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
	}

	@Test
	void runWhenStoppedThenItReturnsOnlyAfterTheItemsInFlightEnded() {
		CountDownLatch slowStarted = new CountDownLatch(1);
		AtomicInteger ended = new AtomicInteger();
		Optional<LaneRun.Stop> stop = new LaneRun(items(2), (item) -> {
			if (item.seq() == 1) {
				slowStarted.countDown();
				sleep(300);
				ended.incrementAndGet();
				return LaneRun.GO_ON;
			}
			await(slowStarted);
			ended.incrementAndGet();
			return Optional.of(new LaneRun.Stop(null));
		}).run(this.executor, 2);
		assertThat(stop).contains(new LaneRun.Stop(null));
		assertThat(ended).hasValue(2);
	}

	@Test
	void runWhenAStepFailsThenTheFailureIsThrownOnceNoStepIsRunning() {
		AtomicInteger running = new AtomicInteger();
		assertThatIllegalStateException().isThrownBy(() -> new LaneRun(items(4), (item) -> {
			running.incrementAndGet();
			try {
				if (item.seq() == 2) {
					throw new IllegalStateException("boom");
				}
				sleep(200);
				return LaneRun.GO_ON;
			}
			finally {
				running.decrementAndGet();
			}
		}).run(this.executor, 4)).withMessage("boom");
		assertThat(running).hasValue(0);
	}

	/** Chunk sizes and parallelism generated over their ranges. */
	static Stream<int[]> sizes() {
		return Stream.of(1, 2, 3, 7, 50).flatMap((size) -> Stream.of(1, 2, 4, 9).map((p) -> new int[] { size, p }));
	}

	@ParameterizedTest
	@MethodSource("sizes")
	void runWhenNothingStopsThenEveryItemRunsExactlyOnce(int[] sizeAndParallelism) {
		ConcurrentHashMap<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
		Optional<LaneRun.Stop> stop = new LaneRun(items(sizeAndParallelism[0]), (item) -> {
			runs.computeIfAbsent(item.seq(), (seq) -> new AtomicInteger()).incrementAndGet();
			return LaneRun.GO_ON;
		}).run(this.executor, sizeAndParallelism[1]);
		assertThat(stop).isEmpty();
		assertThat(runs).hasSize(sizeAndParallelism[0]).allSatisfy((seq, count) -> assertThat(count).hasValue(1));
	}

	private static List<JobItemRepository.ItemRow> items(int count) {
		return LongStream.rangeClosed(1, count)
			.mapToObj(
					(seq) -> new JobItemRepository.ItemRow(seq, "user-" + seq, "PENDING", null, null, null, null, null))
			.toList();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
