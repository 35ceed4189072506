/**
 * The Spring AOT start-up guard: the bean-selecting properties the build recorded, and
 * the check that refuses an AOT-processed start whose properties would select other
 * beans.
 */
@NullMarked
package com.acme.confirm.aot;

import org.jspecify.annotations.NullMarked;
