/**
 * The API's vocabulary of failures: stable problem codes, the exception that carries one,
 * and the one place a problem detail body is built.
 */
@NullMarked
package com.acme.confirm.problem;

import org.jspecify.annotations.NullMarked;
