/**
 * Audit events for every attempted operation.
 */
@NullMarked
package com.acme.confirm.audit;

import org.jspecify.annotations.NullMarked;
