package com.acme.confirm.job;

/**
 * How an item of a job ended, and the job's count it adds to.
 */
enum ItemOutcome {

	CONFIRMED("confirmed"), ALREADY_CONFIRMED("already_confirmed"), WOULD_CONFIRM("would_confirm"), FAILED("failed");

	private final String counter;

	ItemOutcome(String counter) {
		this.counter = counter;
	}

	String counter() {
		return this.counter;
	}

}
