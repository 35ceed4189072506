/**
 * What belongs to no feature: how the application behaves when Spring processed it ahead
 * of time (the image's start-up path).
 */
@NullMarked
package com.acme.confirm.config;

import org.jspecify.annotations.NullMarked;
