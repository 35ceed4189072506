/**
 * Confirmation jobs: thousands to millions of users confirmed as a durable job that runs
 * on every replica, survives the loss of any of them, and shares the Cognito budget with
 * interactive calls.
 */
@NullMarked
package com.acme.confirm.job;

import org.jspecify.annotations.NullMarked;
