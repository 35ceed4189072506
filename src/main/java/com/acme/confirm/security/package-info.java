/**
 * Who the caller is (JWT, roles) and what it may do on each pool.
 */
@NullMarked
package com.acme.confirm.security;

import org.jspecify.annotations.NullMarked;
