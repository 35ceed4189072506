package com.acme.confirm.confirmation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a batch is worked through.
 *
 * @param parallelism items of one batch in flight at once. The Cognito budget sets the
 * pace; working on several items keeps Cognito's latency (two calls per item) from
 * setting a slower one. 1 works strictly in order (needed against emulators that cannot
 * take parallel writes).
 */
@Validated
@ConfigurationProperties("confirm.batch")
record BatchProperties(@DefaultValue("4") @Min(1) @Max(16) int parallelism) {

}
