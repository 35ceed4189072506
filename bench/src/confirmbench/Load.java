package confirmbench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

/**
 * Closed-loop load: N caller threads, each making one call after another. Calls that start
 * during the warm-up are not recorded; calls that start during the measured window are,
 * with their latency in a histogram. Bounded by time, never by an open loop.
 */
final class Load {

	/** One call; {@code seq} is unique across callers of one run. */
	interface Call {

		void run(int caller, long seq) throws Exception;

	}

	/**
	 * @param calls calls started in the measured window
	 * @param allCalls calls including the warm-up (for CPU per call over the whole run)
	 */
	record Result(String label, int callers, long calls, long errors, double seconds, Histogram histogram,
			String firstError, long allCalls) {

		double throughput() {
			return this.calls / this.seconds;
		}

		double p50Ms() {
			return ms(this.histogram.getValueAtPercentile(50));
		}

		double p99Ms() {
			return ms(this.histogram.getValueAtPercentile(99));
		}

		double p999Ms() {
			return ms(this.histogram.getValueAtPercentile(99.9));
		}

		double meanMs() {
			return this.histogram.getMean() / 1e6;
		}

		static double ms(long nanos) {
			return nanos / 1e6;
		}

		/** Several runs of the same kind as one. */
		static Result merge(List<Result> results) {
			Result first = results.get(0);
			Histogram all = new Histogram(first.histogram.getHighestTrackableValue(), 3);
			long calls = 0;
			long errors = 0;
			double seconds = 0;
			long allCalls = 0;
			String firstError = null;
			for (Result r : results) {
				all.add(r.histogram);
				allCalls += r.allCalls;
				calls += r.calls;
				errors += r.errors;
				seconds += r.seconds;
				if (firstError == null) {
					firstError = r.firstError;
				}
			}
			return new Result(first.label, first.callers, calls, errors, seconds, all, firstError, allCalls);
		}

	}

	private static final AtomicLong SEQ = new AtomicLong();

	private Load() {
	}

	static Result run(String label, int callers, Duration warmUp, Duration measured, Call call)
			throws InterruptedException {
		long highest = Duration.ofSeconds(60).toNanos();
		List<Histogram> histograms = new ArrayList<>();
		AtomicLong errors = new AtomicLong();
		AtomicLong allCalls = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		CountDownLatch ready = new CountDownLatch(callers);
		CountDownLatch go = new CountDownLatch(1);
		long[] window = new long[2];
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < callers; c++) {
			Histogram histogram = new Histogram(highest, 3);
			histograms.add(histogram);
			int caller = c;
			Thread thread = new Thread(() -> {
				ready.countDown();
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				long measureFrom = window[0];
				long until = window[1];
				while (true) {
					long start = System.nanoTime();
					if (start >= until) {
						break;
					}
					boolean record = start >= measureFrom;
					allCalls.incrementAndGet();
					try {
						call.run(caller, SEQ.incrementAndGet());
						if (record) {
							histogram.recordValue(Math.min(System.nanoTime() - start, highest));
						}
					}
					catch (Exception ex) {
						if (record) {
							errors.incrementAndGet();
						}
						firstError.compareAndSet(null, ex.toString());
					}
				}
			}, label + "-" + c);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
		ready.await();
		long now = System.nanoTime();
		window[0] = now + warmUp.toNanos();
		window[1] = window[0] + measured.toNanos();
		go.countDown();
		for (Thread thread : threads) {
			thread.join(measured.plus(warmUp).plusSeconds(30).toMillis());
			if (thread.isAlive()) {
				throw new IllegalStateException(label + ": a caller did not finish within 30 s of the end");
			}
		}
		Histogram all = new Histogram(highest, 3);
		histograms.forEach(all::add);
		return new Result(label, callers, all.getTotalCount(), errors.get(), measured.toNanos() / 1e9,
				all, firstError.get(), allCalls.get());
	}

}
