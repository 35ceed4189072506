package com.acme.confirm.support;

import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a real port, in front of the Cognito emulator (through WireMock) and a
 * real OAuth2 server. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Tag("integration")
@ExtendWith(TestDatabase.Required.class)
public abstract class IntegrationTests {

	static {
		ServiceInstance.useTestCredentials();
	}

	protected final CognitoLocal cognito = CognitoLocal.get();

	protected final CognitoWire wire = CognitoWire.get();

	protected final IdentityProvider idp = IdentityProvider.get();

	protected final TestDatabase database = TestDatabase.get();

	@LocalServerPort
	private int port;

	protected Api api;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		ServiceInstance.integrationProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void resetCognitoWire(@Autowired CircuitBreakerRegistry circuitBreakers) {
		this.wire.reset();
		// One test's Cognito outage must not leave the circuit open for the next.
		circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		this.api = new Api("http://127.0.0.1:" + this.port);
	}

	/** A token for an administrator of the customers pool. */
	protected String admin() {
		return this.idp.token("admin-1", "user-admin");
	}

	/** A token for a support agent of the customers pool. */
	protected String agent() {
		return this.idp.token("agent-1", "support-agent");
	}

	/** The audit rows of a username, read straight from the database, oldest first. */
	protected List<Map<String, Object>> auditRows(String username) {
		return this.database.rowMaps("SELECT * FROM audit_event WHERE target_username = ? ORDER BY occurred_at, id",
				username);
	}

	/** A fresh username, so that tests never share a user. */
	protected static String newUsername(String prefix) {
		return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
	}

}
