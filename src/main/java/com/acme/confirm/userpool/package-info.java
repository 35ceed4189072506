/**
 * The user pools this service manages, their app clients and per-role grants.
 */
@NullMarked
package com.acme.confirm.userpool;

import org.jspecify.annotations.NullMarked;
