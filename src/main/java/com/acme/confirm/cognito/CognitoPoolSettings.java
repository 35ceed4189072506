package com.acme.confirm.cognito;

import java.util.List;

import com.acme.confirm.userpool.ManagedUserPool;

/**
 * What Cognito says of a pool's own configuration, in the service's own types. Every
 * failure is a {@link CognitoFailure}.
 */
public interface CognitoPoolSettings {

	/**
	 * DescribeUserPool: the attributes besides the username that name a user in this
	 * pool, its {@code UsernameAttributes} and {@code AliasAttributes} ({@code email},
	 * {@code phone_number}, {@code preferred_username}).
	 * @param pool the pool
	 * @return the attributes, in that order, without repeats
	 */
	List<String> signInAttributes(ManagedUserPool pool);

}
