/**
 * The correlation id that ties a request's log lines, problem details and audit events
 * together, and its propagation to the threads that work for the request.
 */
@NullMarked
package com.acme.confirm.correlation;

import org.jspecify.annotations.NullMarked;
