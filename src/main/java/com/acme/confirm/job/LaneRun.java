package com.acme.confirm.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.acme.confirm.confirmation.ParallelItems;
import org.jspecify.annotations.Nullable;

/**
 * Works through one chunk of a lane's items a few at a time. Each item's step either goes
 * on (empty) or tells the lane to stop and when to run again (a pause, a cancel, the
 * slice's end, an empty budget, an item that must wait); the first stop wins, no item is
 * started after it, and the chunk returns only when every item started has its result, so
 * that no item of the lane is still in flight when the lane ends or reads its next chunk.
 */
final class LaneRun {

	/** Go on with the lane's next chunk. */
	static final Optional<Stop> GO_ON = Optional.empty();

	private final List<JobItemRepository.ItemRow> items;

	private final Function<JobItemRepository.ItemRow, Optional<Stop>> step;

	private final AtomicReference<@Nullable Stop> stop = new AtomicReference<>();

	private final ParallelItems work;

	LaneRun(List<JobItemRepository.ItemRow> items, Function<JobItemRepository.ItemRow, Optional<Stop>> step) {
		this.items = items;
		this.step = step;
		this.work = new ParallelItems(items.size(), (i) -> this.step.apply(this.items.get(i)).ifPresent(this::stop));
	}

	/**
	 * Runs the chunk with up to {@code parallelism} workers, the calling thread being one
	 * of them.
	 * @return empty to go on with the next chunk, or why and until when the lane stops
	 */
	Optional<Stop> run(Executor executor, int parallelism) {
		this.work.run(executor, parallelism);
		return Optional.ofNullable(this.stop.get());
	}

	private void stop(Stop why) {
		if (this.stop.compareAndSet(null, why)) {
			this.work.skipRest();
		}
	}

	/**
	 * Why a lane stops.
	 *
	 * @param runAgainAt when the scheduler runs the lane again; {@code null} when the
	 * lane is done (its job ended)
	 */
	record Stop(@Nullable Instant runAgainAt) {
	}

}
