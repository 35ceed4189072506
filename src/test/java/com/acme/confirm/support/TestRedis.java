package com.acme.confirm.support;

import java.net.URI;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A Redis for the shared budget: a Testcontainers container where a Docker engine exists,
 * otherwise the server at {@code CONFIRM_TEST_REDIS_URL} (default
 * redis://127.0.0.1:6379).
 */
public final class TestRedis {

	private static volatile URI url;

	private TestRedis() {
	}

	public static URI url() {
		if (url == null) {
			synchronized (TestRedis.class) {
				if (url == null) {
					url = start();
				}
			}
		}
		return url;
	}

	private static URI start() {
		String configured = System.getenv("CONFIRM_TEST_REDIS_URL");
		if (configured != null) {
			return URI.create(configured);
		}
		if (DockerClientFactory.instance().isDockerAvailable()) {
			GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
			redis.start();
			Runtime.getRuntime().addShutdownHook(new Thread(redis::stop));
			return URI.create("redis://" + redis.getHost() + ":" + redis.getMappedPort(6379));
		}
		return URI.create("redis://127.0.0.1:6379");
	}

}
