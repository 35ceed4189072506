/**
 * The only package that talks to Amazon Cognito; SDK types never leave it.
 */
@NullMarked
package com.acme.confirm.cognito;

import org.jspecify.annotations.NullMarked;
