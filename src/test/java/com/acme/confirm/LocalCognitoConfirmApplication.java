package com.acme.confirm;

import java.util.ArrayList;
import java.util.List;

import com.acme.confirm.support.CognitoLocal;
import com.acme.confirm.support.IdentityProvider;
import com.acme.confirm.support.TestPools;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Runs the service locally ({@code ./mvnw spring-boot:test-run}) on embedded defaults:
 * cognito-local seeded with a pool and UNCONFIRMED users, a local OAuth2 server, and
 * prints ready-to-paste calls with a valid token.
 */
public final class LocalCognitoConfirmApplication {

	// Its own logger and appender: the service's pattern escapes line breaks, and the
	// block it prints is meant to be pasted.
	private static final Logger log = LoggerFactory.getLogger("local-run");

	private LocalCognitoConfirmApplication() {
	}

	public static void main(String[] args) {
		System.setProperty("aws.accessKeyId", "local");
		System.setProperty("aws.secretAccessKey", "local");
		CognitoLocal cognito = CognitoLocal.get();
		cognito.signUp("jane@example.com", "jane@example.com");
		cognito.signUp("sam@example.com", "sam@example.com");
		// A username that is not an email and not ASCII, as Cognito allows.
		cognito.signUp("zoë", "zoe@example.com");
		IdentityProvider idp = IdentityProvider.get();
		List<String> arguments = new ArrayList<>(List.of(args));
		arguments.add("--spring.profiles.active=local");
		arguments.add("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + idp.issuerUri());
		arguments.add("--confirm.cognito.endpoint=" + cognito.endpoint());
		// The embedded audit database of the local
		// run; production names a PostgreSQL one.
		arguments
			.add("--spring.datasource.url=jdbc:h2:mem:audit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		SpringApplication application = new SpringApplication(CognitoConfirmApplication.class);
		application.addListeners(readyMessage(idp));
		application.run(arguments.toArray(String[]::new));
	}

	private static ApplicationListener<ApplicationReadyEvent> readyMessage(IdentityProvider idp) {
		return (event) -> {
			printVerbatim();
			int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
			String token = idp.token(IdentityProvider.ISSUER_ID, "local-admin", IdentityProvider.AUDIENCE,
					java.util.Map.of("roles", List.of("user-admin", "support-agent", "auditor", "operator")),
					12 * 3600);
			String base = "http://localhost:" + port + "/api/v1/user-pools/" + TestPools.CUSTOMERS;
			log.info("""

					Local cognito-confirm-service is ready (Cognito: cognito-local, users jane@example.com, \
					sam@example.com and zoë UNCONFIRMED, confirmation code {}).
					Swagger UI: http://localhost:{}/swagger-ui.html
					TOKEN={}
					curl -s -X POST {}/admin-confirm-sign-up -H "Authorization: Bearer $TOKEN" \
					-H 'Content-Type: application/json' -d '{"username":"jane@example.com","reason":"local test"}'
					curl -s -X POST {}/confirm-sign-up -H "Authorization: Bearer $TOKEN" \
					-H 'Content-Type: application/json' \
					-d '{"clientId":"{}","username":"sam@example.com","confirmationCode":"{}"}'
					""", TestPools.CODE, port, token, base, base, TestPools.SECRET_CLIENT, TestPools.CODE);
		};
	}

	/**
	 * Sends the {@code local-run} logger's messages, which hold nothing but this class's
	 * own text, to the console as they are.
	 */
	private static void printVerbatim() {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
		LayoutBase<ILoggingEvent> layout = new LayoutBase<>() {

			@Override
			public String doLayout(ILoggingEvent event) {
				return event.getFormattedMessage() + System.lineSeparator();
			}

		};
		layout.setContext(context);
		layout.start();
		encoder.setContext(context);
		encoder.setLayout(layout);
		encoder.start();
		ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
		console.setContext(context);
		console.setEncoder(encoder);
		console.start();
		ch.qos.logback.classic.Logger logger = context.getLogger("local-run");
		logger.setAdditive(false);
		logger.addAppender(console);
	}

}
