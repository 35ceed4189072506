package com.acme.confirm.cognito;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CognitoClientsTests {

	@Test
	void regionOfWhenPoolIdThenPrefix() {
		assertThat(CognitoClients.regionOf("eu-west-1_AbCdEf123")).isEqualTo(Region.EU_WEST_1);
		assertThat(CognitoClients.regionOf("us-gov-west-1_X1")).isEqualTo(Region.US_GOV_WEST_1);
	}

	@Test
	void regionOfWhenNoPrefixThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> CognitoClients.regionOf("_abc"));
		assertThatIllegalArgumentException().isThrownBy(() -> CognitoClients.regionOf("abc"));
	}

}
