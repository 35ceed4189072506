/**
 * The confirm operations: adminConfirmSignUp and confirmSignUp.
 */
@NullMarked
package com.acme.confirm.confirmation;

import org.jspecify.annotations.NullMarked;
