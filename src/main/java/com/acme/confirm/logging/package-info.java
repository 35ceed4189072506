/**
 * What the service's logs may hold: the HTTP client's and the AWS SDK's request logging
 * pinned off whatever levels are set, and every logged value escaped in the plain-text
 * pattern so that no caller input forges a line or a terminal sequence.
 */
@NullMarked
package com.acme.confirm.logging;

import org.jspecify.annotations.NullMarked;
