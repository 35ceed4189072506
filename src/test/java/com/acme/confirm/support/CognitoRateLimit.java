package com.acme.confirm.support;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Cognito's request-rate quota: answers TooManyRequestsException, as Cognito does, to a
 * request that would be the (limit+1)th within one window (one second, or less to allow
 * for the test machine's own delays); otherwise lets the stub's own answer through.
 * Applied to the stubs that name it.
 */
public final class CognitoRateLimit implements ResponseDefinitionTransformerV2 {

	static final String NAME = "cognito-rate-limit";

	private final Deque<Long> recent = new ArrayDeque<>();

	private final AtomicInteger throttled = new AtomicInteger();

	private volatile int limit = Integer.MAX_VALUE;

	private volatile long windowNanos = 1_000_000_000L;

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
		long now = System.nanoTime();
		while (!this.recent.isEmpty() && now - this.recent.peekFirst() >= this.windowNanos) {
			this.recent.removeFirst();
		}
		if (this.recent.size() >= this.limit) {
			this.throttled.incrementAndGet();
			return CognitoWire.error(400, "TooManyRequestsException", "Rate exceeded").build();
		}
		this.recent.addLast(now);
		return serveEvent.getResponseDefinition();
	}

	synchronized void limit(int requests, Duration window) {
		this.limit = requests;
		this.windowNanos = window.toNanos();
		this.recent.clear();
		this.throttled.set(0);
	}

	/** How many requests were answered with throttling since the limit was set. */
	public int throttled() {
		return this.throttled.get();
	}

}
