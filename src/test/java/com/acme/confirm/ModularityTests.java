package com.acme.confirm;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The feature packages depend on each other only through their public types and without
 * cycles.
 */
class ModularityTests {

	@Test
	void featurePackagesKeepTheirBoundaries() {
		ApplicationModules.of(CognitoConfirmApplication.class).verify();
	}

}
