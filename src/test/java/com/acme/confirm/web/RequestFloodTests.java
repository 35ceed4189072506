package com.acme.confirm.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.acme.confirm.support.CognitoWire;
import com.acme.confirm.support.IntegrationTests;
import com.acme.confirm.support.RawHttp;
import com.acme.confirm.support.ServiceProcess;
import com.acme.confirm.support.TestPools;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static com.acme.confirm.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack of the issue against a real process with the image's memory flags (and the
 * image's Java, with virtual threads, where it is installed): four parallel bodies of 90
 * MB from a caller without roles, then 500 requests at once. The process stays up, its
 * heap stays bounded, and every answer is a result or a problem.
 */
class RequestFloodTests extends IntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(RequestFloodTests.class);

	/** The image's memory flags (Dockerfile), its 70% of a 1 GiB limit as -Xmx. */
	private static final List<String> IMAGE_MEMORY = List.of("-Xmx700m", "-XX:+UseSerialGC", "-Xmn32m",
			"-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:+ExitOnOutOfMemoryError");

	private static final Path IMAGE_JAVA = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

	private static final long NINETY_MB = 90L * 1024 * 1024;

	private static final int FLOOD = 500;

	@Test
	void hugeBodiesAndAFloodThenAliveBoundedAndAnsweredWithProblems() throws Exception {
		// Each confirmation holds its request for 2 s, so that the flood is in flight at
		// once.
		this.wire.onAny("AdminGetUser", CognitoWire
			.ok("{\"Username\":\"flood\",\"UserStatus\":\"UNCONFIRMED\",\"Enabled\":true,\"UserAttributes\":[]}")
			.withFixedDelay(2000));
		this.wire.onAny("AdminConfirmSignUp", CognitoWire.ok("{}"));
		String java = Files.isExecutable(IMAGE_JAVA) ? IMAGE_JAVA.toString()
				: ProcessHandle.current().info().command().orElse("java");
		ServiceProcess service = ServiceProcess.replica("request-flood", java, IMAGE_MEMORY, this.wire.endpoint(),
				// the default (the test profile raises it for the tests that send
				// hundreds)
				"--confirm.web.max-concurrent-requests=200", "--logging.level.com.acme.confirm=info");
		HeapSampler heap = new HeapSampler(service, this.idp.token("ops", "operator"));
		try {
			heap.start();
			int port = URI.create(service.api().baseUrl()).getPort();
			String nobody = this.idp.token("nobody-flood");
			List<CompletableFuture<Object>> huge = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				boolean chunked = i % 2 == 0;
				huge.add(CompletableFuture.supplyAsync(() -> hugeBody(port, nobody, chunked)));
			}
			List<Object> hugeAnswers = new ArrayList<>();
			for (CompletableFuture<Object> answer : huge) {
				hugeAnswers.add(answer.get(120, TimeUnit.SECONDS));
			}

			String admin = admin();
			ExecutorService callers = Executors.newFixedThreadPool(FLOOD);
			List<CompletableFuture<ResponseEntity<JsonNode>>> flood = new ArrayList<>();
			for (int i = 0; i < FLOOD; i++) {
				String username = "flood-" + i;
				flood.add(CompletableFuture.supplyAsync(
						() -> service.api().adminConfirm(TestPools.CUSTOMERS, admin, Map.of("username", username)),
						callers));
			}
			List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
			for (CompletableFuture<ResponseEntity<JsonNode>> answer : flood) {
				answers.add(answer.get(180, TimeUnit.SECONDS));
			}
			callers.shutdown();
			heap.stop();

			long confirmed = answers.stream().filter((answer) -> answer.getStatusCode().value() == 200).count();
			List<ResponseEntity<JsonNode>> shed = answers.stream()
				.filter((answer) -> "THROTTLED".equals(code(answer)))
				.toList();
			log.info(
					"Request flood on {}: huge bodies {}; flood {} confirmed, {} shed, other answers {}; heap used "
							+ "peak {} MiB, last {} MiB, of -Xmx700m",
					java, hugeAnswers, confirmed, shed.size(),
					answers.stream()
						.filter((answer) -> answer.getStatusCode().value() != 200)
						.collect(Collectors.groupingBy(RequestFloodTests::code, Collectors.counting())),
					heap.peak() >> 20, heap.last() >> 20);

			assertThat(service.isAlive()).as("alive after the bodies and the flood").isTrue();
			assertThat(service.api()
				.exchange(HttpMethod.GET, "/actuator/health/liveness", null, null, Map.of())
				.getStatusCode()
				.value()).isEqualTo(200);
			// Each huge body: 413 (past the body limit), 400 (the code past the parser's
			// string
			// limit, chunked), or the connection closed on it.
			assertThat(hugeAnswers).allSatisfy((answer) -> assertThat(answer).isIn(413, 400, "closed"));
			// Every answer a result or a problem; what was not shed met the emulated
			// Cognito's
			// and the database pool's own limits (COGNITO_TIMEOUT, AUDIT_UNAVAILABLE), as
			// problems.
			assertThat(answers).allSatisfy((answer) -> {
				if (answer.getStatusCode().value() != 200) {
					assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
					assertThat(code(answer)).isNotEqualTo("INTERNAL_ERROR");
				}
			});
			assertThat(shed).as("the flood was shed past the bound").isNotEmpty().allSatisfy((answer) -> {
				assertProblem(answer, 429, "THROTTLED");
				assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
			});
			assertThat(FLOOD - shed.size()).as("the bound's worth were let in").isGreaterThanOrEqualTo(100);
			assertThat(heap.peak()).as("heap used at its peak").isLessThan(400L << 20);
		}
		finally {
			heap.stop();
			service.terminate();
		}
	}

	private static String code(ResponseEntity<JsonNode> answer) {
		return (answer.getBody() != null) ? answer.getBody().path("code").asString() : "none";
	}

	private static Object hugeBody(int port, String token, boolean chunked) {
		byte[] prefix = "{\"clientId\":\"webclient1\",\"username\":\"huge\",\"confirmationCode\":\""
			.getBytes(StandardCharsets.US_ASCII);
		String path = "/api/v1/user-pools/" + TestPools.CUSTOMERS + "/confirm-sign-up";
		try {
			RawHttp.Answer answer = chunked
					? RawHttp.exchange(port,
							RawHttp.head("POST " + path + " HTTP/1.1", "Host: localhost",
									"Content-Type: application/json", "Authorization: Bearer " + token,
									"Transfer-Encoding: chunked"),
							RawHttp.chunked(prefix, NINETY_MB, (byte) '1'))
					: RawHttp.exchange(port,
							RawHttp.head("POST " + path + " HTTP/1.1", "Host: localhost",
									"Content-Type: application/json", "Authorization: Bearer " + token,
									"Content-Length: " + NINETY_MB),
							(out) -> {
								out.write(prefix);
								byte[] chunk = new byte[64 * 1024];
								java.util.Arrays.fill(chunk, (byte) '1');
								for (long sent = prefix.length; sent < NINETY_MB; sent += chunk.length) {
									out.write(chunk, 0, (int) Math.min(chunk.length, NINETY_MB - sent));
								}
							});
			return answer.status();
		}
		catch (IOException ex) {
			return "closed";
		}
	}

	/** Reads the process's heap use from its metrics every 100 ms. */
	private static final class HeapSampler {

		private final ServiceProcess service;

		private final String token;

		private final AtomicBoolean running = new AtomicBoolean();

		private final AtomicLong peak = new AtomicLong();

		private final AtomicLong last = new AtomicLong();

		private Thread thread;

		HeapSampler(ServiceProcess service, String token) {
			this.service = service;
			this.token = token;
		}

		void start() {
			this.running.set(true);
			this.thread = new Thread(() -> {
				while (this.running.get()) {
					sample();
					try {
						Thread.sleep(100);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "heap-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		void stop() throws InterruptedException {
			if (this.running.getAndSet(false)) {
				this.thread.join(5000);
				sample();
			}
		}

		long peak() {
			return this.peak.get();
		}

		long last() {
			return this.last.get();
		}

		private void sample() {
			try {
				ResponseEntity<JsonNode> metric = this.service.api()
					.exchange(HttpMethod.GET, "/actuator/metrics/jvm.memory.used?tag=area:heap", this.token, null,
							Map.of());
				if (metric.getStatusCode().value() == 200) {
					long used = metric.getBody().path("measurements").get(0).path("value").asLong();
					this.last.set(used);
					this.peak.accumulateAndGet(used, Math::max);
				}
			}
			catch (RuntimeException ex) {
				// a sample missed while the process is busy
			}
		}

	}

}
