package com.acme.confirm.confirmation;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Works through a list's items a few at a time, the calling thread being one of the
 * workers, and returns once every item started has ended: what a batch and a job's lane
 * share. A helper the executor starts late finds nothing left and is not waited for, so a
 * busy executor slows the work but never stops it. The first exception an item throws
 * stops the rest (they are not started) and is thrown once the others have ended.
 */
public final class ParallelItems {

	private final int count;

	private final IntConsumer each;

	private final AtomicInteger next = new AtomicInteger();

	private final CountDownLatch done;

	private final AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();

	/**
	 * @param count how many items there are
	 * @param each works on the item of an index
	 */
	public ParallelItems(int count, IntConsumer each) {
		this.count = count;
		this.each = each;
		this.done = new CountDownLatch(count);
	}

	/**
	 * Runs the items with up to {@code parallelism} workers.
	 * @param executor where the helpers run
	 * @param parallelism the most items at work at once
	 */
	public void run(Executor executor, int parallelism) {
		for (int w = 1; w < Math.min(parallelism, this.count); w++) {
			executor.execute(this::work);
		}
		work();
		try {
			this.done.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the last items were at work", ex);
		}
		RuntimeException failed = this.failure.get();
		if (failed != null) {
			throw failed;
		}
	}

	/** Starts no more items; those started go on to their end. */
	public void skipRest() {
		for (int unclaimed = this.next.getAndSet(this.count); unclaimed < this.count; unclaimed++) {
			this.done.countDown();
		}
	}

	private void work() {
		for (int i = this.next.getAndIncrement(); i < this.count; i = this.next.getAndIncrement()) {
			try {
				this.each.accept(i);
			}
			catch (RuntimeException ex) {
				this.failure.compareAndSet(null, ex);
				skipRest();
			}
			finally {
				this.done.countDown();
			}
		}
	}

}
