package com.acme.confirm.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.RawHttp;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Tomcat rejects before any servlet runs is a problem detail too, logged in one line
 * without a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContainerRejectionTests extends IntegrationTests {

	private static final String STATUS = "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/user-status";

	static List<Object[]> rejected() {
		return List.of(
				// zoë pasted into curl: UTF-8 bytes in the request target, not
				// percent-encoded
				new Object[] { "raw non-ASCII in the query",
						("GET " + STATUS + "?username=zo\u00eb HTTP/1.1\r\nHost: localhost\r\n\r\n")
							.getBytes(StandardCharsets.UTF_8) },
				new Object[] { "a space in a header name",
						RawHttp.head("GET " + STATUS + "?username=zoe HTTP/1.1", "Host: localhost", "Bad Header: x") },
				new Object[] { "headers past the size limit",
						RawHttp.head("GET " + STATUS + "?username=zoe HTTP/1.1", "Host: localhost",
								"Authorization: Bearer " + "x".repeat(20_000)) },
				new Object[] { "no Host header", RawHttp.head("GET " + STATUS + "?username=zoe HTTP/1.1") });
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rejected")
	void requestTheContainerRejectsThenProblemAndOneLogLineWithoutStackTrace(String what, byte[] head,
			CapturedOutput output) throws Exception {
		int before = output.getOut().length();

		RawHttp.Answer answer = RawHttp.exchange(URI.create(this.api.baseUrl()).getPort(), head, null);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertProblem(answer.json(), 400, "VALIDATION_FAILED");
		assertThat(answer.json().path("correlationId").asString()).isNotEmpty();
		String logged = output.getOut().substring(before);
		assertThat(logged.lines().filter((line) -> line.contains("Request rejected by the server"))).hasSize(1);
		assertThat(logged).doesNotContain("at org.apache.coyote").doesNotContain("Error parsing HTTP request header");
	}

}
