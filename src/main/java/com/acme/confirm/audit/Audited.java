package com.acme.confirm.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method whose requests are audited as the given action, so that a
 * request Spring rejects before the handler runs (an invalid or unreadable body, path or
 * query) is audited too.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {

	/** The action the handler's requests are audited as. */
	AuditAction value();

}
