package com.acme.confirm.confirmation;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.acme.confirm.problem.ProblemCode;
import com.acme.confirm.problem.ProblemException;
import com.acme.confirm.problem.ProblemDetails;
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

	private final AtomicReference<@Nullable ProblemException> auditDown = new AtomicReference<>();

	private final ParallelItems work;

	BatchRun(List<String> usernames, Function<String, ConfirmationResult> confirm, String instance) {
		this.usernames = usernames;
		this.confirm = confirm;
		this.instance = instance;
		this.results = new BatchResult.Item[usernames.size()];
		this.work = new ParallelItems(usernames.size(), (i) -> this.results[i] = confirmOne(this.usernames.get(i)));
	}

	/**
	 * Runs the batch with up to {@code parallelism} workers, the calling thread being one
	 * of them. It returns when every item has its result.
	 */
	List<BatchResult.Item> run(Executor executor, int parallelism) {
		this.work.run(executor, parallelism);
		return List.of(this.results);
	}

	private BatchResult.Item confirmOne(String username) {
		ProblemException unaudited = this.auditDown.get();
		if (unaudited != null) {
			return BatchResult.Item.failed(username, ProblemDetails.of(unaudited, this.instance));
		}
		try {
			return BatchResult.Item.of(this.confirm.apply(username));
		}
		catch (ProblemException ex) {
			if (ex.code() == ProblemCode.AUDIT_UNAVAILABLE) {
				this.auditDown.compareAndSet(null, ex);
			}
			return BatchResult.Item.failed(username, ProblemDetails.of(ex, this.instance));
		}
	}

}
