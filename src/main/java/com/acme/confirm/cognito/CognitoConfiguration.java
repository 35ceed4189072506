package com.acme.confirm.cognito;

import com.acme.confirm.userpool.UserPools;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CognitoConfiguration {

	/**
	 * One connection pool shared by the clients of every region; Apache 5 is the fastest
	 * of the SDK's sync clients here (bench/results.md).
	 */
	@Bean(destroyMethod = "close")
	SdkHttpClient cognitoHttpClient(CognitoProperties properties) {
		return Apache5HttpClient.builder()
			.connectionTimeout(properties.connectTimeout())
			.socketTimeout(properties.apiCallAttemptTimeout())
			.maxConnections(properties.maxConnections())
			// waiting longer for a pooled connection
			// than an attempt may take is pointless
			.connectionAcquisitionTimeout(properties.apiCallAttemptTimeout())
			.build();
	}

	/**
	 * The SDK's default chain only (web identity/IRSA, container, instance profile,
	 * environment, profile): the service has no property for access keys.
	 */
	@Bean(destroyMethod = "close")
	DefaultCredentialsProvider awsCredentialsProvider() {
		return DefaultCredentialsProvider.builder().build();
	}

	@Bean(destroyMethod = "close")
	CognitoClients cognitoClients(CognitoProperties properties, AwsProperties aws, SdkHttpClient cognitoHttpClient,
			AwsCredentialsProvider awsCredentialsProvider, CognitoBudget cognitoBudget) {
		return new CognitoClients(properties, aws, cognitoHttpClient, awsCredentialsProvider, cognitoBudget);
	}

	@Bean(destroyMethod = "close")
	SourceIdentitySessions sourceIdentitySessions(AwsProperties aws, SourceIdentities sourceIdentities,
			SdkHttpClient cognitoHttpClient, AwsCredentialsProvider awsCredentialsProvider, UserPools pools) {
		return new SourceIdentitySessions(aws, sourceIdentities, cognitoHttpClient, awsCredentialsProvider, pools);
	}

	/**
	 * In Redis when a URL is given, connected in the background: a Redis that is down
	 * does not keep the service from starting.
	 */
	@Bean(destroyMethod = "close")
	CognitoBudget cognitoBudget(CognitoProperties properties, MeterRegistry meterRegistry) {
		return CognitoBudget.of(properties, meterRegistry);
	}

	/** Readiness shows a degraded budget without failing (see application.yaml). */
	@Bean
	HealthIndicator cognitoBudgetHealthIndicator(CognitoBudget cognitoBudget) {
		return cognitoBudget::health;
	}

	@Bean
	CognitoCircuitBreakers cognitoCircuitBreakers(CircuitBreakerRegistry circuitBreakerRegistry, UserPools pools) {
		return new CognitoCircuitBreakers(circuitBreakerRegistry, pools);
	}

}
