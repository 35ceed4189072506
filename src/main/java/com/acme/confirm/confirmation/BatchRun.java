package com.acme.confirm.confirmation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.acme.confirm.web.ProblemCode;
import com.acme.confirm.web.ProblemException;
import com.acme.confirm.web.Problems;
import org.jspecify.annotations.Nullable;

/**
 * Works through a batch's usernames a few at a time and answers in request order. Each
 * item's problem is its own result; once the audit trail is down, the items not yet
 * started are not attempted (nothing may happen without a record) and report that
 * problem; anything else stops the batch and fails the request.
 */
final class BatchRun {

	private final List<String> usernames;

	private final Function<String, ConfirmationResult> confirm;

	private final String instance;

	private final BatchResult.Item[] results;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicReference<@Nullable ProblemException> auditDown = new AtomicReference<>();

	private final AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();

	BatchRun(List<String> usernames, Function<String, ConfirmationResult> confirm, String instance) {
		this.usernames = usernames;
		this.confirm = confirm;
		this.instance = instance;
		this.results = new BatchResult.Item[usernames.size()];
	}

	/**
	 * Runs the batch with up to {@code parallelism} workers, the calling thread being one
	 * of them.
	 */
	List<BatchResult.Item> run(Executor executor, int parallelism) {
		List<CompletableFuture<Void>> helpers = new ArrayList<>();
		for (int w = 1; w < Math.min(parallelism, this.results.length); w++) {
			helpers.add(CompletableFuture.runAsync(this::work, executor));
		}
		work();
		helpers.forEach(CompletableFuture::join);
		RuntimeException failed = this.failure.get();
		if (failed != null) {
			throw failed;
		}
		return List.of(this.results);
	}

	private void work() {
		for (int i = this.next.getAndIncrement(); i < this.results.length; i = this.next.getAndIncrement()) {
			String username = this.usernames.get(i);
			ProblemException unaudited = this.auditDown.get();
			if (unaudited != null) {
				this.results[i] = BatchResult.Item.failed(username, Problems.of(unaudited, this.instance));
				continue;
			}
			try {
				this.results[i] = BatchResult.Item.of(this.confirm.apply(username));
			}
			catch (ProblemException ex) {
				if (ex.code() == ProblemCode.AUDIT_UNAVAILABLE) {
					this.auditDown.compareAndSet(null, ex);
				}
				this.results[i] = BatchResult.Item.failed(username, Problems.of(ex, this.instance));
			}
			catch (RuntimeException ex) {
				this.failure.compareAndSet(null, ex);
				this.next.set(this.results.length);
			}
		}
	}

}
