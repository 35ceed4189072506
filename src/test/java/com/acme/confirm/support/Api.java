package com.acme.confirm.support;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Calls the service over HTTP like its real callers do, and never throws on an error
 * status so that tests can assert on the problem detail.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient client;

	private final String baseUrl;

	public Api(String baseUrl) {
		this.baseUrl = baseUrl;
		// The JDK client never retries on its own (Apache's
		// retries a 429 or 503 after Retry-After).
		this.client = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl(baseUrl)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public ResponseEntity<JsonNode> adminConfirm(String userPoolId, @Nullable String token, Object body) {
		return post("/api/v1/user-pools/" + userPoolId + "/admin-confirm-sign-up", token, body);
	}

	public ResponseEntity<JsonNode> confirm(String userPoolId, @Nullable String token, Object body) {
		return post("/api/v1/user-pools/" + userPoolId + "/confirm-sign-up", token, body);
	}

	public ResponseEntity<JsonNode> post(String path, @Nullable String token, Object body) {
		return exchange(HttpMethod.POST, path, token, body, Map.of());
	}

	public ResponseEntity<JsonNode> exchange(HttpMethod method, String path, @Nullable String token,
			@Nullable Object body, Map<String, String> headers) {
		// The path is sent as given: a test encodes what needs encoding, exactly once.
		RestClient.RequestBodySpec request = this.client.method(method)
			.uri(URI.create(this.baseUrl + path))
			.headers((httpHeaders) -> {
				if (token != null) {
					httpHeaders.setBearerAuth(token);
				}
				headers.forEach(httpHeaders::set);
			});
		if (body != null) {
			if (body instanceof String raw) {
				request.body(raw);
			}
			else {
				request.contentType(MediaType.APPLICATION_JSON).body(body);
			}
		}
		ResponseEntity<byte[]> response = request.retrieve().toEntity(byte[].class);
		MediaType type = response.getHeaders().getContentType();
		JsonNode json = (response.getBody() != null && type != null && type.getSubtype().endsWith("json"))
				? JSON.readTree(response.getBody()) : null;
		return new ResponseEntity<>(json, response.getHeaders(), response.getStatusCode());
	}

	public static String header(ResponseEntity<?> response, String name) {
		return response.getHeaders().getFirst(name);
	}

	public static HttpHeaders headers(ResponseEntity<?> response) {
		return response.getHeaders();
	}

}
