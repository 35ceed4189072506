/**
 * Cluster-safe background work on the audit database (db-scheduler): every replica polls
 * one table, and each due execution runs on exactly one of them. Features contribute
 * their tasks as beans.
 */
@NullMarked
package com.acme.confirm.scheduling;

import org.jspecify.annotations.NullMarked;
