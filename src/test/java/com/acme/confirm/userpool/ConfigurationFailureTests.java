package com.acme.confirm.userpool;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.acme.confirm.CognitoConfirmApplication;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Invalid configuration stops start-up with a message that names the property (Boot's
 * failure analysis prints constraint violations inside maps in their bound form,
 * {@code confirm.userPools[customers].id}).
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationFailureTests {

	static Stream<Arguments> badConfigurations() {
		return Stream.of(
				Arguments.of("confirm.user-pools.customers.id=not a pool id", "confirm.userPools[customers].id"),
				Arguments.of("confirm.user-pools.customers.grants.admin=ADMIN_CONFIRM,DELETE_EVERYTHING",
						"confirm.user-pools.customers.grants"),
				Arguments.of("confirm.user-pools.customers.app-clients.web.id=has space",
						"confirm.userPools[customers].appClients[web].id"),
				Arguments.of("confirm.cognito.max-attempts=0", "confirm.cognito.max-attempts"),
				Arguments.of("confirm.cognito.api-call-timeout=oops", "confirm.cognito.api-call-timeout"),
				Arguments.of("confirm.cognito.api-call-attempt-timeout=20s",
						"confirm.cognito.api-call-attempt-timeout"),
				Arguments.of("confirm.cognito.max-budget-wait=8s", "confirm.cognito.max-budget-wait"),
				Arguments.of("confirm.security.roles-claim= ", "confirm.security.roles-claim"),
				// no audience at all (the default check), or a blank one
				Arguments.of("confirm.security.audience-check=required", "confirm.security.audience is required"),
				Arguments.of("confirm.security.audience= ", "confirm.security.audience is required"),
				Arguments.of("confirm.security.roles-claim-delimiter=[", "confirm.security.roles-claim-delimiter"),
				Arguments.of("confirm.user-pools.customers.source-identity=true",
						"confirm.user-pools.customers.source-identity"),
				Arguments.of("confirm.aws.source-identity-role-arn=not-a-role", "confirm.aws.source-identity-role-arn"),
				Arguments.of("confirm.user-pools.customers.lookup-attributes=email,no spaces",
						"confirm.userPools[customers].lookupAttributes[1]"),
				Arguments.of("confirm.user-pools.other.id=eu-west-1_Same1",
						"is already configured as confirm.user-pools."));
	}

	@ParameterizedTest
	@MethodSource("badConfigurations")
	void startWhenConfigurationInvalidThenFailsNamingProperty(String badProperty, String named, CapturedOutput output) {
		SpringApplication application = new SpringApplication(CognitoConfirmApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		List<String> arguments = new ArrayList<>(List.of("--confirm.user-pools.customers.id=eu-west-1_Same1",
				"--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/unused",
				"--spring.main.banner-mode=off", "--logging.level.root=warn", "--" + badProperty));
		if (!badProperty.startsWith("confirm.security.audience")) {
			// every case but the audience's own has one
			arguments.add("--confirm.security.audience=cognito-confirm-service");
		}

		assertThatException().isThrownBy(() -> application.run(arguments.toArray(String[]::new)))
			.satisfies((ex) -> assertThat(messages(ex) + output.getAll()).contains(named));
	}

	private static String messages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
