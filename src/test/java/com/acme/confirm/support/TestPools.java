package com.acme.confirm.support;

/**
 * The pools, app clients and fixed code that the emulator is seeded with and the test and
 * local configurations name.
 */
public final class TestPools {

	/** Managed pool with grants for user-admin and support-agent. */
	public static final String CUSTOMERS = "us-east-1_TestCustomers1";

	/** Managed pool that requires a reason. */
	public static final String PARTNERS = "eu-west-1_TestPartners1";

	/** Managed pool in another AWS account: called with a role assumed through STS. */
	public static final String CROSS_ACCOUNT = "us-west-2_TestCrossAcct1";

	/** The role the service assumes for CROSS_ACCOUNT. */
	public static final String CROSS_ACCOUNT_ROLE = "arn:aws:iam::123456789012:role/cognito-confirm";

	/** The access key id of the credentials STS hands out for that role. */
	public static final String ASSUMED_KEY_ID = "ASIATESTASSUMEDROLE1";

	/**
	 * Managed pool whose Cognito calls are signed with a session whose SourceIdentity is
	 * the caller (the service's own account: {@link #SOURCE_IDENTITY_ROLE}).
	 */
	public static final String SIGNED = "us-east-1_TestSigned1";

	/** The role assumed with the caller's SourceIdentity for pools in the own account. */
	public static final String SOURCE_IDENTITY_ROLE = "arn:aws:iam::111122223333:role/cognito-confirm-staff";

	/**
	 * Managed pool with email as an alias (AliasAttributes): an unverified email does not
	 * name a user to AdminGetUser, as in Cognito.
	 */
	public static final String ALIASED = "us-east-1_TestAliased1";

	/** App client of ALIASED, without a secret. */
	public static final String ALIASED_CLIENT = "aliasedclient1";

	/**
	 * Managed pool with email as the username (UsernameAttributes): the stored username
	 * is the sub, a UUID.
	 */
	public static final String EMAIL_USERNAME = "us-east-1_TestEmailName1";

	/** App client of EMAIL_USERNAME, without a secret. */
	public static final String EMAIL_USERNAME_CLIENT = "emailnameclient1";

	/** App client of SIGNED, without a secret. */
	public static final String SIGNED_CLIENT = "signedclient1";

	/** A pool the emulator has but this service does not manage. */
	public static final String UNMANAGED = "us-east-1_NotManaged1";

	/** App client of CUSTOMERS with a secret. */
	public static final String SECRET_CLIENT = "webclient1";

	public static final String SECRET_CLIENT_SECRET = "local-web-secret";

	/** App client of CUSTOMERS without a secret. */
	public static final String PUBLIC_CLIENT = "publicclient1";

	/** App client of CUSTOMERS whose secret the service is configured with wrongly. */
	public static final String MISCONFIGURED_CLIENT = "misconfigured1";

	public static final String MISCONFIGURED_CLIENT_REAL_SECRET = "the-real-secret";

	/** The confirmation code the emulator gives every user (its CODE setting). */
	public static final String CODE = "Xq7-CODE-4821";

	private TestPools() {
	}

}
