package com.acme.confirm.security;

import java.util.Map;

import com.acme.confirm.support.IntegrationTests;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Prometheus scrape opened without a token, as on a management port only the scraper
 * reaches; every other actuator endpoint still needs the operator role.
 */
@TestPropertySource(properties = "confirm.security.public-actuator-endpoints=health,info,prometheus")
class PublicActuatorEndpointsTests extends IntegrationTests {

	@Test
	void endpointWhenListedAsPublicThenOpenWithoutTokenAndOthersStillClosed() {
		assertThat(status("/actuator/prometheus")).isEqualTo(200);
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);
		assertThat(status("/actuator/metrics")).isEqualTo(401);
	}

	private int status(String path) {
		return this.api.exchange(HttpMethod.GET, path, null, null, Map.of()).getStatusCode().value();
	}

}
