package com.acme.confirm.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real threads: items handed in while a write runs are written together, each caller
 * returns once its own item is written, and one bad item fails only its caller.
 */
@Timeout(10)
class GroupCommitTests {

	private final ExecutorService threads = Executors.newFixedThreadPool(16);

	/** The writes that succeeded, in order. */
	private final List<List<String>> written = Collections.synchronizedList(new ArrayList<>());

	/** Every write attempted, in order. */
	private final List<List<String>> attempted = Collections.synchronizedList(new ArrayList<>());

	private final CountDownLatch firstWriteMayEnd = new CountDownLatch(1);

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void aloneTheItemIsWrittenByItselfAtOnce() {
		GroupCommit<String> commit = new GroupCommit<>(this::record, 64, GroupCommitTests::itemFault);
		commit.submit("a");
		commit.submit("b");
		assertThat(this.written).containsExactly(List.of("a"), List.of("b"));
	}

	@Test
	void itemsHandedInDuringAWriteAreWrittenTogetherAfterIt() throws Exception {
		GroupCommit<String> commit = new GroupCommit<>(this::recordHoldingTheFirst, 64, GroupCommitTests::itemFault);
		for (Future<?> other : queuedBehindAHeldWrite(commit, "b", "c")) {
			other.get(5, TimeUnit.SECONDS);
		}
		assertThat(this.written).containsExactly(List.of("first"), List.of("b", "c"));
	}

	@Test
	void aWriteTakesAtMostMaxItems() throws Exception {
		GroupCommit<String> commit = new GroupCommit<>(this::recordHoldingTheFirst, 2, GroupCommitTests::itemFault);
		for (Future<?> other : queuedBehindAHeldWrite(commit, "b", "c", "d")) {
			other.get(5, TimeUnit.SECONDS);
		}
		assertThat(this.written).containsExactly(List.of("first"), List.of("b", "c"), List.of("d"));
	}

	@Test
	void aBadItemFailsOnlyItsOwnCallerAndTheOthersAreWrittenOnce() throws Exception {
		GroupCommit<String> commit = new GroupCommit<>(failingOn("bad", new IllegalArgumentException("bad row")), 64,
				GroupCommitTests::itemFault);
		List<Future<?>> queued = queuedBehindAHeldWrite(commit, "bad", "good");
		queued.get(1).get(5, TimeUnit.SECONDS);
		assertThatThrownBy(() -> queued.get(0).get(5, TimeUnit.SECONDS)).hasRootCauseMessage("bad row");
		assertThat(this.attempted).containsExactly(List.of("first"), List.of("bad", "good"), List.of("bad"),
				List.of("good"));
		assertThat(this.written).containsExactly(List.of("first"), List.of("good"));
	}

	@Test
	void aFailureNoItemCausedFailsTheWholeWriteOnceWithoutRetries() throws Exception {
		GroupCommit<String> commit = new GroupCommit<>(failingOn("gone", new IllegalStateException("database gone")),
				64, GroupCommitTests::itemFault);
		for (Future<?> queued : queuedBehindAHeldWrite(commit, "gone", "other")) {
			assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("database gone");
		}
		assertThat(this.attempted).containsExactly(List.of("first"), List.of("gone", "other"));
		assertThat(this.written).containsExactly(List.of("first"));
	}

	@Test
	void anErrorInAWriteLeavesNoCallerWaiting() throws Exception {
		GroupCommit<String> commit = new GroupCommit<>((items) -> {
			if (items.contains("boom")) {
				throw new AssertionError("boom");
			}
			recordHoldingTheFirst(items);
		}, 64, GroupCommitTests::itemFault);
		// whichever thread wrote the pair gets the Error,
		// the other is told its item was abandoned
		List<Class<?>> causes = new ArrayList<>();
		for (Future<?> queued : queuedBehindAHeldWrite(commit, "boom", "bystander")) {
			try {
				queued.get(5, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				causes.add(ex.getCause().getClass());
			}
		}
		assertThat(causes).containsExactlyInAnyOrder(AssertionError.class, IllegalStateException.class);
		assertThat(this.written).containsExactly(List.of("first"));
	}

	@Test
	void underContentionEveryItemIsWrittenExactlyOnceAndWritesAreShared() throws Exception {
		GroupCommit<String> commit = new GroupCommit<>((items) -> {
			sleep(2);
			record(items);
		}, 64, GroupCommitTests::itemFault);
		List<String> items = IntStream.range(0, 400).mapToObj((i) -> "item-" + i).toList();
		List<Future<?>> submitted = items.stream()
			.<Future<?>>map((item) -> this.threads.submit(() -> commit.submit(item)))
			.toList();
		for (Future<?> future : submitted) {
			future.get(10, TimeUnit.SECONDS);
		}
		List<String> all = this.written.stream().flatMap(List::stream).toList();
		assertThat(all).containsExactlyInAnyOrderElementsOf(items);
		assertThat(this.written.size()).isLessThan(items.size());
	}

	/** Only an IllegalArgumentException is an item's fault here. */
	private static boolean itemFault(RuntimeException ex) {
		return ex instanceof IllegalArgumentException;
	}

	private void record(List<String> items) {
		this.attempted.add(items);
		this.written.add(items);
	}

	private void recordHoldingTheFirst(List<String> items) {
		boolean first = this.attempted.isEmpty();
		this.attempted.add(items);
		if (first) {
			try {
				assertThat(this.firstWriteMayEnd.await(5, TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		this.written.add(items);
	}

	/**
	 * Submits "first" and holds its write, queues the others behind it one after the
	 * other, checks that none of them is done, and lets the first write end.
	 * @return the others' futures, in order
	 */
	private List<Future<?>> queuedBehindAHeldWrite(GroupCommit<String> commit, String... others) throws Exception {
		Future<?> first = this.threads.submit(() -> commit.submit("first"));
		awaitAttempts(1);
		List<Future<?>> queued = new ArrayList<>();
		for (String item : others) {
			queued.add(this.threads.submit(() -> commit.submit(item)));
			awaitWaiting(commit, queued.size());
		}
		assertThat(queued).noneMatch(Future::isDone);
		this.firstWriteMayEnd.countDown();
		first.get(5, TimeUnit.SECONDS);
		return queued;
	}

	/** A writer that fails every write holding the item, and otherwise records. */
	private Consumer<List<String>> failingOn(String item, RuntimeException failure) {
		return (items) -> {
			if (items.contains(item)) {
				this.attempted.add(items);
				throw failure;
			}
			recordHoldingTheFirst(items);
		};
	}

	private void awaitAttempts(int count) throws InterruptedException {
		while (this.attempted.size() < count) {
			Thread.sleep(1);
		}
	}

	private static void awaitWaiting(GroupCommit<String> commit, int count) throws InterruptedException {
		while (commit.waiting() < count) {
			Thread.sleep(1);
		}
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
