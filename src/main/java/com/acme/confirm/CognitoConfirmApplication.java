package com.acme.confirm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Admin REST service that confirms Amazon Cognito sign-ups on behalf of staff tools.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CognitoConfirmApplication {

	public static void main(String[] args) {
		SpringApplication.run(CognitoConfirmApplication.class, args);
	}

}
