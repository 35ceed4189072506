package com.acme.confirm.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Writes items that callers hand in at the same time together, in one call of the writer,
 * and returns to each caller only once its own item is written (or has failed). The
 * caller that gets the lock writes everything that is waiting, its own item and those of
 * callers queued behind the lock, who then find theirs done. Alone, a caller writes its
 * item by itself, without waiting for anyone.
 * <p>
 * A write of several items that fails in a way one item can cause (a constraint, a value
 * too long) is repeated item by item, so that one bad item fails only its own caller; any
 * other failure (the database is gone) fails them all at once rather than once per item.
 *
 * @param <T> the item type
 */
final class GroupCommit<T> {

	private final Queue<Entry<T>> waiting = new ConcurrentLinkedQueue<>();

	private final ReentrantLock writer = new ReentrantLock();

	private final Consumer<List<T>> write;

	private final int maxItems;

	private final Predicate<RuntimeException> itemFault;

	/**
	 * @param write writes the items in order, all or none
	 * @param maxItems the most items of one write
	 * @param itemFault whether a failure may be the fault of one of the items
	 */
	GroupCommit(Consumer<List<T>> write, int maxItems, Predicate<RuntimeException> itemFault) {
		if (maxItems < 1) {
			throw new IllegalArgumentException("maxItems must be at least 1");
		}
		this.write = write;
		this.maxItems = maxItems;
		this.itemFault = itemFault;
	}

	/**
	 * Writes the item, together with those handed in meanwhile.
	 * @param item the item
	 * @throws RuntimeException what the write of this item threw
	 */
	void submit(T item) {
		Entry<T> entry = new Entry<>(item);
		this.waiting.add(entry);
		this.writer.lock();
		try {
			while (!entry.done) {
				writeWaiting();
			}
		}
		finally {
			this.writer.unlock();
		}
		if (entry.failure != null) {
			throw entry.failure;
		}
	}

	/** How many items wait for a write. */
	int waiting() {
		return this.waiting.size();
	}

	private void writeWaiting() {
		List<Entry<T>> batch = new ArrayList<>();
		Entry<T> next;
		while (batch.size() < this.maxItems && (next = this.waiting.poll()) != null) {
			batch.add(next);
		}
		if (batch.isEmpty()) {
			return;
		}
		try {
			this.write.accept(batch.stream().map(Entry::item).toList());
			batch.forEach((entry) -> entry.end(null));
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1 || !this.itemFault.test(ex)) {
				batch.forEach((entry) -> entry.end(ex));
				return;
			}
			for (Entry<T> entry : batch) {
				try {
					this.write.accept(List.of(entry.item()));
					entry.end(null);
				}
				catch (RuntimeException single) {
					entry.end(single);
				}
			}
		}
		finally {
			// an Error: no caller may wait for an item that nobody will write
			for (Entry<T> entry : batch) {
				if (!entry.done) {
					entry.end(new IllegalStateException("The write of this item was abandoned"));
				}
			}
		}
	}

	/**
	 * An item and what became of it; written and read under the writer lock.
	 */
	private static final class Entry<T> {

		private final T item;

		private boolean done;

		private @Nullable RuntimeException failure;

		Entry(T item) {
			this.item = item;
		}

		T item() {
			return this.item;
		}

		void end(@Nullable RuntimeException failure) {
			this.failure = failure;
			this.done = true;
		}

	}

}
