/**
 * Cross-cutting HTTP concerns: problem details, correlation ids, CORS.
 */
@NullMarked
package com.acme.confirm.web;

import org.jspecify.annotations.NullMarked;
