package confirmbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * What the parts share: the configuration, the report, the clients, the stand-in behind
 * the Cognito endpoint, and how the service is started and called.
 */
final class Bench {

	static final String POOL = "us-east-1_Bench1";

	static final String CONFIRM_PATH = "/api/v1/user-pools/" + POOL + "/admin-confirm-sign-up";

	final Config config;

	final Report report;

	final Sql sql;

	final OAuth oauth;

	final Cpu cpu;

	final Http http;

	/**
	 * Replaced by the latency part with another kind on the same port, so that the
	 * running service keeps its Cognito endpoint.
	 */
	StandIn standIn;

	Direct direct;

	Bench(Config config, Report report, Sql sql, OAuth oauth, Cpu cpu, Http http) {
		this.config = config;
		this.report = report;
		this.sql = sql;
		this.oauth = oauth;
		this.cpu = cpu;
		this.http = http;
	}

	/**
	 * The service's configuration for the bench: its user pool, with the grants the admin
	 * token's role needs to confirm and to run confirmation jobs, and the role the
	 * auditor token needs to read.
	 */
	static void writeApplicationYaml(Path work) throws IOException {
		Files.writeString(work.resolve("bench-application.yaml"), """
				confirm:
				  security:
				    audience: cognito-confirm-service
				    audit-reader-roles: [auditor]
				  user-pools:
				    bench:
				      id: %s
				      grants:
				        user-admin: [ADMIN_CONFIRM, BULK_CONFIRM]
				""".formatted(POOL));
	}

	/** One confirm call through the service, a new username each time. */
	Load.Call viaService(Service service) {
		String url = "http://127.0.0.1:" + service.port + CONFIRM_PATH;
		String bearer = "Bearer " + this.oauth.adminToken;
		return (caller, seq) -> {
			HttpPost post = new HttpPost(url);
			post.setHeader("Authorization", bearer);
			post.setEntity(new StringEntity("{\"username\":\"u" + seq + "\"}", ContentType.APPLICATION_JSON));
			this.http.expect(post, 200);
		};
	}

	Service startService(String label, double budget, Path log) throws Exception {
		Report.progress("starting the service (" + label + ", budget " + budget + "/s)");
		// deep request stacks: JFR's default of 64 frames would cut them off above the
		// servlet
		return Service.start(label, this.config.javaHome, this.config.jar.getParent(),
				List.of("-XX:FlightRecorderOptions:stackdepth=384", "-jar", this.config.jar.toString()),
				serviceEnv(budget), Processes.freePort(), log, Duration.ofSeconds(180));
	}

	Map<String, String> serviceEnv(double budget) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("JAVA_TOOL_OPTIONS", this.config.toolOptions());
		env.put("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:" + this.config.work.resolve("bench-application.yaml"));
		env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", this.oauth.issuer);
		env.put("CONFIRM_COGNITO_ENDPOINT", this.standIn.url());
		env.put("CONFIRM_COGNITO_MAX_REQUESTS_PER_SECOND", Double.toString(budget));
		// the other quota categories must not set the pace: a confirm reads the user once or
		// twice
		env.put("CONFIRM_COGNITO_USER_READ_REQUESTS_PER_SECOND", Double.toString(2 * budget));
		env.put("CONFIRM_COGNITO_USER_UPDATE_REQUESTS_PER_SECOND", Double.toString(budget));
		env.put("AWS_ACCESS_KEY_ID", "bench");
		env.put("AWS_SECRET_ACCESS_KEY", "bench");
		env.put("AWS_EC2_METADATA_DISABLED", "true");
		env.put("SPRING_DATASOURCE_URL", this.config.pgUrl + "?currentSchema=" + this.config.schema
				+ "&ApplicationName=" + Cpu.APPLICATION_NAME);
		env.put("SPRING_DATASOURCE_USERNAME", this.config.pgUser);
		env.put("SPRING_FLYWAY_DEFAULT_SCHEMA", this.config.schema);
		env.put("CONFIRM_AUDIT_PURGE_CRON", "-");
		env.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", this.config.logFormat());
		env.put("LOGGING_LEVEL_ROOT", this.config.logLevel());
		// experiments, e.g. BENCH_SERVICE_ENV="SPRING_THREADS_VIRTUAL_ENABLED=false"
		// (a property that selects beans: with
		// BENCH_JVM_EXTRA=-Dspring.aot.enabled=false, else the AOT start refuses it)
		return withEnv(env, this.config.serviceEnv());
	}

	/** The environment with the K=V,K=V pairs of {@code extra} added or replaced. */
	static Map<String, String> withEnv(Map<String, String> env, String extra) {
		Map<String, String> all = new LinkedHashMap<>(env);
		for (String pair : extra.split(",")) {
			if (pair.contains("=")) {
				all.put(pair.substring(0, pair.indexOf('=')).strip(), pair.substring(pair.indexOf('=') + 1).strip());
			}
		}
		return all;
	}

}
