package confirmbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of the service: its execution samples attributed to the
 * innermost library or feature on each stack (a partition that sums to 100%), the
 * inclusive share of the steps of a confirm call, the top leaf frames, and the exceptions
 * thrown per call.
 */
final class Profile {

	/** Frame prefix → area; the innermost frame of a sample with an area decides. */
	private static final String[][] AREAS = {
			{ "software.amazon.awssdk.", "AWS SDK + its Apache 5 HTTP client (2 Cognito calls)" },
			{ "org.apache.hc.", "AWS SDK + its Apache 5 HTTP client (2 Cognito calls)" },
			{ "com.nimbusds.", "JWT decoding and RS256 check (Nimbus, Spring's NimbusJwtDecoder)" },
			{ "org.springframework.security.oauth2.jwt.",
					"JWT decoding and RS256 check (Nimbus, Spring's NimbusJwtDecoder)" },
			{ "org.postgresql.", "JDBC: pgjdbc + Hikari" }, { "com.zaxxer.hikari.", "JDBC: pgjdbc + Hikari" },
			{ "org.springframework.jdbc.", "Spring JDBC + transactions" },
			{ "org.springframework.transaction.", "Spring JDBC + transactions" },
			{ "org.springframework.dao.", "Spring JDBC + transactions" },
			{ "ch.qos.logback.", "Logging: Logback, ECS JSON lines" }, { "org.slf4j.", "Logging: Logback, ECS JSON lines" },
			{ "org.springframework.boot.logging.", "Logging: Logback, ECS JSON lines" },
			{ "org.springframework.boot.json.", "Logging: Logback, ECS JSON lines" },
			{ "io.micrometer.", "Micrometer: observations and meters" },
			{ "org.springframework.security.", "Spring Security filters (without JWT decoding)" },
			{ "tools.jackson.", "Jackson: request and response bodies, audit JSON" },
			{ "com.fasterxml.jackson.", "Jackson: request and response bodies, audit JSON" },
			{ "org.hibernate.validator.", "Bean validation" }, { "jakarta.validation.", "Bean validation" },
			{ "io.github.resilience4j.", "Resilience4j + Bucket4j" }, { "io.github.bucket4j.", "Resilience4j + Bucket4j" },
			{ "com.acme.confirm.audit.", "the service's audit code (AuditRow, AuditRepository, AuditRecorder)" },
			{ "com.acme.", "the service's other code" },
			{ "org.springframework.", "Spring MVC, context events, AOP proxies, core" },
			{ "org.apache.catalina.", "Tomcat" }, { "org.apache.coyote.", "Tomcat" }, { "org.apache.tomcat.", "Tomcat" } };

	/** Inclusive steps of a confirm call: method name prefix → label. */
	private static final String[][] STEPS = {
			{ "org.springframework.security.oauth2.jwt.NimbusJwtDecoder.decode", "JWT decode + verify" },
			{ "com.acme.confirm.confirmation.AuditTrail.begin", "audit: PENDING row (AuditTrail.begin)" },
			{ "com.acme.confirm.cognito.Cognito.getUser", "Cognito AdminGetUser (Cognito.getUser)" },
			{ "com.acme.confirm.cognito.Cognito.adminConfirmSignUp",
					"Cognito AdminConfirmSignUp (Cognito.adminConfirmSignUp)" },
			{ "com.acme.confirm.confirmation.AuditTrail.end", "audit: completion (AuditTrail.end), of which:" },
			{ "com.acme.confirm.audit.AuditRepository.complete", "  row update + hash chain (AuditRepository.complete)" },
			{ "ch.qos.logback.", "  (any) log line writing (Logback)" },
			{ "org.springframework.jdbc.core.SimplePropertyRowMapper.mapRow",
					"  chain head read by SimplePropertyRowMapper" },
			{ "org.springframework.http.converter.", "HTTP message converters (request/response JSON)" },
			{ "io.micrometer.observation.", "(any) Micrometer observation handling" },
			{ "java.lang.Throwable.fillInStackTrace", "(any) exception stack traces" } };

	private Profile() {
	}

	static List<String> summarise(Path recording, long calls, int topLeaves) throws IOException {
		long samples = 0;
		Map<String, Long> areas = new LinkedHashMap<>();
		Map<String, Long> steps = new LinkedHashMap<>();
		for (String[] s : STEPS) {
			steps.put(s[1], 0L);
		}
		Map<String, Long> leaves = new HashMap<>();
		Map<String, Long> exceptions = new HashMap<>();
		long exceptionCount = 0;
		double cpuJvm = 0;
		double cpuMachine = 0;
		int cpuEvents = 0;
		long gcCount = 0;
		long gcPauseNanos = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				switch (event.getEventType().getName()) {
					case "jdk.ExecutionSample" -> {
						RecordedStackTrace stack = event.getStackTrace();
						if (stack == null || stack.getFrames().isEmpty()) {
							continue;
						}
						samples++;
						List<RecordedFrame> frames = stack.getFrames();
						leaves.merge(name(frames.get(0)), 1L, Long::sum);
						String area = "JDK only (GC, compiler, idle carriers)";
						outer: for (RecordedFrame frame : frames) {
							String name = name(frame);
							for (String[] a : AREAS) {
								if (name.startsWith(a[0])) {
									area = a[1];
									break outer;
								}
							}
						}
						areas.merge(area, 1L, Long::sum);
						Set<String> hit = new HashSet<>();
						for (RecordedFrame frame : frames) {
							String name = name(frame);
							for (String[] s : STEPS) {
								if (name.startsWith(s[0])) {
									hit.add(s[1]);
								}
							}
						}
						hit.forEach((k) -> steps.merge(k, 1L, Long::sum));
					}
					case "jdk.JavaExceptionThrow" -> {
						exceptionCount++;
						String type = event.getClass("thrownClass").getName();
						String message = event.getString("message");
						String key = type + ((message != null) ? ": " + message.replaceAll("[0-9a-f-]{16,}", "…") : "");
						exceptions.merge(key.length() > 110 ? key.substring(0, 110) + "…" : key, 1L, Long::sum);
					}
					case "jdk.CPULoad" -> {
						cpuJvm += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
						cpuMachine += event.getFloat("machineTotal");
						cpuEvents++;
					}
					case "jdk.GarbageCollection" -> {
						gcCount++;
						gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
					}
					default -> {
					}
				}
			}
		}
		List<String> out = new ArrayList<>();
		if (cpuEvents > 0) {
			out.add(String.format(Locale.ROOT,
					"CPU (jdk.CPULoad, share of the whole machine): service JVM %.0f%%, machine %.0f%%. GC: %d "
							+ "collections, %.0f ms of pauses.",
					100 * cpuJvm / cpuEvents, 100 * cpuMachine / cpuEvents, gcCount, gcPauseNanos / 1e6));
		}
		if (samples == 0) {
			return out;
		}
		long total = samples;
		out.add("");
		out.add(String.format(Locale.ROOT,
				"| %,d CPU samples (5 ms) by innermost library on the stack | share |", samples));
		out.add("|---|---:|");
		top(areas, 30).forEach((e) -> out.add(String.format(Locale.ROOT, "| %s | %.1f%% |", e.getKey(),
				100.0 * e.getValue() / total)));
		out.add("");
		out.add("| step of a call (inclusive) | share of samples |");
		out.add("|---|---:|");
		steps.forEach((k, v) -> out.add(String.format(Locale.ROOT, "| %s | %.1f%% |", k, 100.0 * v / total)));
		if (topLeaves > 0) {
			out.add("");
			out.add("| top leaf frames (self time) | share |");
			out.add("|---|---:|");
			top(leaves, topLeaves).forEach((e) -> out.add(String.format(Locale.ROOT, "| `%s` | %.1f%% |", e.getKey(),
					100.0 * e.getValue() / total)));
		}
		if (calls > 0) {
			out.add("");
			out.add(String.format(Locale.ROOT, "Exceptions thrown: %.1f per call%s", (double) exceptionCount / calls,
					exceptions.isEmpty() ? "." : ", most frequent:"));
			top(exceptions, 5).forEach((e) -> out.add(String.format(Locale.ROOT, "- %.2f/call `%s`",
					(double) e.getValue() / calls, e.getKey())));
		}
		return out;
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(n)
			.toList();
	}

}
