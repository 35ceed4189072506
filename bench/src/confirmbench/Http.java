package confirmbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * The callers' HTTP client towards the service and the stand-ins: pooled keep-alive
 * connections, enough for every caller, and none of the client's own retries, redirects,
 * decompression or state, so that a call is one request and its time the server's answer.
 */
final class Http implements AutoCloseable {

	private final CloseableHttpClient client = HttpClients.custom()
		.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(512)
			.setMaxConnPerRoute(512)
			.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
			.build())
		.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(60)).build())
		.disableAutomaticRetries()
		.disableRedirectHandling()
		.disableContentCompression()
		.disableCookieManagement()
		.disableAuthCaching()
		.disableConnectionState()
		.build();

	/**
	 * Fails unless the answer has the status. The body is consumed all the same, so that
	 * the connection goes back to the pool.
	 */
	void expect(ClassicHttpRequest request, int status) throws IOException {
		int code = this.client.execute(request, (response) -> {
			EntityUtils.consume(response.getEntity());
			return response.getCode();
		});
		if (code != status) {
			throw new IOException(request.getMethod() + " " + request.getPath() + " answered " + code);
		}
	}

	/** The body of an answer with the status; any other answer fails, with its body. */
	String body(ClassicHttpRequest request, int status) throws IOException {
		String[] out = new String[1];
		int code = this.client.execute(request, (response) -> {
			out[0] = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
			return response.getCode();
		});
		if (code != status) {
			throw new IOException(request.getMethod() + " " + request.getPath() + " answered " + code + ": " + out[0]);
		}
		return out[0];
	}

	@Override
	public void close() throws IOException {
		this.client.close();
	}

}
