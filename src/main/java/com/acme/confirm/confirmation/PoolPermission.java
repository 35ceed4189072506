package com.acme.confirm.confirmation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.acme.confirm.userpool.Permission;

/**
 * The permission on the pool that an operation needs, so that listUserPools can tell a
 * caller which operations it may call there. The service still decides each call itself.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface PoolPermission {

	Permission value();

}
