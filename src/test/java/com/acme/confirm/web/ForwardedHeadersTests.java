package com.acme.confirm.web;

import java.util.Map;

import com.acme.confirm.support.Api;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.ServiceInstance;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sourceIp} in the audit trail is the caller's: X-Forwarded-For counts only when
 * it comes from a configured trusted proxy (here the test's loopback, standing in for the
 * ingress controller), and then only the address the proxy itself appended.
 */
class ForwardedHeadersTests extends IntegrationTests {

	private static final String CALLER = "203.0.113.7";

	@Test
	void forwardedForWhenNoProxyTrustedThenIgnored() {
		String username = confirmVia(this.api, CALLER);

		assertThat(auditRows(username)).singleElement()
			.satisfies((row) -> assertThat(row.get("source_ip")).isEqualTo("127.0.0.1"));
	}

	@Test
	void forwardedForWhenFromTrustedProxyThenTheCallersAddressAndNotWhatTheCallerPrepended() {
		try (ServiceInstance service = ServiceInstance
			.start(Map.of("server.tomcat.remoteip.internal-proxies", "127\\.0\\.0\\.1"))) {
			String forwarded = confirmVia(service.api(), CALLER);
			// the caller sent X-Forwarded-For: 198.51.100.1, the proxy appended the
			// address it saw
			String prepended = confirmVia(service.api(), "198.51.100.1, " + CALLER);

			assertThat(auditRows(forwarded)).singleElement()
				.satisfies((row) -> assertThat(row.get("source_ip")).isEqualTo(CALLER));
			assertThat(auditRows(prepended)).singleElement()
				.satisfies((row) -> assertThat(row.get("source_ip")).isEqualTo(CALLER));
		}
	}

	private String confirmVia(Api api, String forwardedFor) {
		String username = newUsername("forwarded");
		this.cognito.signUp(username, username + "@example.com");
		int status = api
			.exchange(HttpMethod.POST, "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/admin-confirm-sign-up", admin(),
					"{\"username\":\"" + username + "\"}",
					Map.of("X-Forwarded-For", forwardedFor, HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE))
			.getStatusCode()
			.value();
		assertThat(status).isEqualTo(200);
		return username;
	}

}
