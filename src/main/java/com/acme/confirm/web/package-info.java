/**
 * Cross-cutting HTTP concerns: every failure answered as a problem detail, the OpenAPI
 * document, CORS, and where a request came from.
 */
@NullMarked
package com.acme.confirm.web;

import org.jspecify.annotations.NullMarked;
