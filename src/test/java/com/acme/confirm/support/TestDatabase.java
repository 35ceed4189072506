package com.acme.confirm.support;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.h2.tools.Server;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The audit database of the integration tests, behind a {@link TcpProxy} so that a test
 * can take it away, in a schema of its own per run. PostgreSQL by default, the first of:
 * the server {@code CONFIRM_TEST_POSTGRES_URL} names (as
 * {@code CONFIRM_TEST_POSTGRES_USER} with {@code CONFIRM_TEST_POSTGRES_PASSWORD}, default
 * {@code postgres} and empty); without it, a Testcontainers container where a Docker
 * engine exists, else the server at {@code jdbc:postgresql://127.0.0.1:5432/test}; where
 * none of these answers, an {@link EmbeddedPostgresServer}. With
 * {@code -Dtest.database=h2}, an H2 server in PostgreSQL mode.
 */
public final class TestDatabase {

	private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

	private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static volatile TestDatabase instance;

	private static volatile IllegalStateException failure;

	private final String url;

	private final String directUrl;

	private final String username;

	private final String password;

	private final String schema;

	private final TcpProxy proxy;

	private TestDatabase(String url, String directUrl, String username, String password, String schema,
			TcpProxy proxy) {
		this.url = url;
		this.directUrl = directUrl;
		this.username = username;
		this.password = password;
		this.schema = schema;
		this.proxy = proxy;
	}

	/**
	 * The database of this JVM, started on first use. When it cannot be had, the first
	 * caller gets why and what to provide, every later one the same message at once.
	 */
	public static TestDatabase get() {
		if (instance == null) {
			synchronized (TestDatabase.class) {
				if (failure != null) {
					throw new IllegalStateException(failure.getMessage());
				}
				if (instance == null) {
					try {
						instance = start();
					}
					catch (IllegalStateException ex) {
						failure = ex;
						throw ex;
					}
				}
			}
		}
		return instance;
	}

	/**
	 * On a test class: the database is had before the class runs; when it cannot be, the
	 * first such class fails with why and what to provide, and the later ones are
	 * skipped, rather than every test failing with the same message.
	 */
	public static final class Required implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (failure != null) {
				return ConditionEvaluationResult
					.disabled("the test database is not available: " + failure.getMessage());
			}
			get();
			return ConditionEvaluationResult.enabled("the test database is available");
		}

	}

	public static boolean isH2() {
		return "h2".equalsIgnoreCase(System.getProperty("test.database", "postgres"));
	}

	public String url() {
		return this.url;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	/** The schema the service's tables live in; empty for H2's default. */
	public String schema() {
		return this.schema;
	}

	/** Resets every connection to the database and refuses new ones. */
	public void cut() {
		this.proxy.cut();
	}

	public void restore() {
		try {
			this.proxy.restore();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A direct connection, bypassing the proxy and the service, for arranging and
	 * asserting.
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.directUrl, this.username, this.password);
	}

	/**
	 * The rows of a query over a direct connection, each as its columns' text (null for
	 * SQL NULL).
	 * @param sql the query
	 * @param parameters its parameters, in order
	 * @return the rows, in the query's order
	 */
	public List<List<String>> rows(String sql, Object... parameters) {
		try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
			ResultSet rs = statement.executeQuery();
			List<List<String>> rows = new ArrayList<>();
			while (rs.next()) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
					row.add(rs.getString(i));
				}
				rows.add(row);
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The rows of a query over a direct connection, each as its columns' values by
	 * lower-case column label, in the columns' order.
	 * @param sql the query
	 * @param parameters its parameters, in order
	 * @return the rows, in the query's order
	 */
	public List<Map<String, Object>> rowMaps(String sql, Object... parameters) {
		try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
			ResultSet rs = statement.executeQuery();
			ResultSetMetaData columns = rs.getMetaData();
			List<Map<String, Object>> rows = new ArrayList<>();
			while (rs.next()) {
				Map<String, Object> row = new LinkedHashMap<>();
				for (int i = 1; i <= columns.getColumnCount(); i++) {
					row.put(columns.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
				}
				rows.add(row);
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs an INSERT, UPDATE or DELETE over a direct connection, bypassing the service.
	 * @param sql the statement
	 * @param parameters its parameters, in order
	 * @return the number of rows it changed
	 */
	public int update(String sql, Object... parameters) {
		try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
			return statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Inserts one row as {@link #rowMaps} reads it, for example to put back a row a test
	 * deleted.
	 * @param table the table
	 * @param row the row's values by column name
	 */
	public void insert(String table, Map<String, ?> row) {
		List<String> columns = new ArrayList<>(row.keySet());
		String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
				+ String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
		update(sql, columns.stream().map(row::get).toArray());
	}

	private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
			throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		try {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			return statement;
		}
		catch (SQLException ex) {
			statement.close();
			throw ex;
		}
	}

	private static TestDatabase start() {
		try {
			return isH2() ? startH2() : startPostgres();
		}
		catch (IllegalStateException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("The test database is not available: " + ex.getMessage(), ex);
		}
	}

	private static TestDatabase startH2() throws Exception {
		Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		TcpProxy proxy = new TcpProxy("127.0.0.1", server.getPort());
		String path = "/mem:audit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
		return new TestDatabase("jdbc:h2:tcp://127.0.0.1:" + proxy.port() + path,
				"jdbc:h2:tcp://127.0.0.1:" + server.getPort() + path, "sa", "", "", proxy);
	}

	/**
	 * The first of: the server {@code CONFIRM_TEST_POSTGRES_URL} names, a Testcontainers
	 * container (no variable and a Docker engine), the server at {@link #DEFAULT_URL}, an
	 * embedded one. A configured server that answers nothing gives way to the embedded
	 * one; one that answers but refuses the connection fails the run.
	 */
	private static TestDatabase startPostgres() throws Exception {
		String configured = System.getenv("CONFIRM_TEST_POSTGRES_URL");
		String username = System.getenv().getOrDefault("CONFIRM_TEST_POSTGRES_USER", "postgres");
		String password = System.getenv().getOrDefault("CONFIRM_TEST_POSTGRES_PASSWORD", "");
		List<String> tried = new ArrayList<>();
		if (configured != null) {
			SQLException refused = connectionFailure(configured, username, password);
			if (refused == null) {
				return onServer(configured, username, password, true);
			}
			if (!answersNothing(refused)) {
				throw new IllegalStateException("CONFIRM_TEST_POSTGRES_URL=" + configured + " answered but refused "
						+ username + ": " + refused.getMessage()
						+ ". Fix CONFIRM_TEST_POSTGRES_URL, CONFIRM_TEST_POSTGRES_USER or CONFIRM_TEST_POSTGRES_PASSWORD, "
						+ "or unset CONFIRM_TEST_POSTGRES_URL to let the tests find or start one.");
			}
			log.warn("CONFIRM_TEST_POSTGRES_URL={} answers nothing ({}): starting an embedded PostgreSQL instead",
					configured, refused.getMessage());
			tried.add("CONFIRM_TEST_POSTGRES_URL=" + configured + " answers nothing");
		}
		else if (DockerClientFactory.instance().isDockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			return onServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(), true);
		}
		else {
			SQLException refused = connectionFailure(DEFAULT_URL, username, password);
			if (refused == null) {
				return onServer(DEFAULT_URL, username, password, true);
			}
			log.info("No Docker engine, and {} as {}: {}: starting an embedded PostgreSQL", DEFAULT_URL, username,
					refused.getMessage());
			tried.add("no Docker engine");
			tried.add(DEFAULT_URL + " as " + username + ": " + refused.getMessage());
		}
		EmbeddedPostgresServer embedded;
		try {
			embedded = EmbeddedPostgresServer.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No PostgreSQL for the integration tests (" + String.join("; ", tried)
					+ "), and the embedded one did not start: " + ex.getMessage() + "\nProvide one of: a Docker "
					+ "engine (Testcontainers starts postgres:16-alpine); a PostgreSQL server named by "
					+ "CONFIRM_TEST_POSTGRES_URL (jdbc:postgresql://HOST:PORT/DATABASE) with CONFIRM_TEST_POSTGRES_USER "
					+ "and CONFIRM_TEST_POSTGRES_PASSWORD (default postgres and empty); or one at " + DEFAULT_URL + ".",
					ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
		// the whole cluster goes on close: no schema to drop
		return onServer(embedded.jdbcUrl(), "postgres", "", false);
	}

	/** The database behind a proxy, in a fresh schema (dropped at exit when asked). */
	private static TestDatabase onServer(String base, String username, String password, boolean dropSchemaAtExit)
			throws IOException {
		URI uri = URI.create(base.substring("jdbc:".length()));
		int port = (uri.getPort() != -1) ? uri.getPort() : 5432;
		TcpProxy proxy = new TcpProxy(uri.getHost(), port);
		String schema = "audit_test_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
		String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + uri.getPath() + "?currentSchema=" + schema;
		String direct = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + "?currentSchema=" + schema;
		TestDatabase database = new TestDatabase(proxied, direct, username, password, schema, proxy);
		if (dropSchemaAtExit) {
			Runtime.getRuntime().addShutdownHook(new Thread(() -> database.dropSchema(base)));
		}
		return database;
	}

	/** Null when a connection opens, else why it did not. */
	private static SQLException connectionFailure(String url, String username, String password) {
		Properties properties = new Properties();
		properties.setProperty("user", username);
		properties.setProperty("password", password);
		properties.setProperty("connectTimeout", "5");
		try {
			DriverManager.getConnection(url, properties).close();
			return null;
		}
		catch (SQLException ex) {
			return ex;
		}
	}

	/**
	 * Whether nothing answered at all (SQLSTATE class 08: refused, unknown host, timed
	 * out), as opposed to a server that refused the user, the password or the database.
	 */
	private static boolean answersNothing(SQLException ex) {
		return ex.getSQLState() != null && ex.getSQLState().startsWith("08");
	}

	private void dropSchema(String directUrl) {
		try (Connection connection = DriverManager.getConnection(directUrl, this.username, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
		}
		catch (SQLException ex) {
			// a leftover schema of a test run is harmless
		}
	}

}
