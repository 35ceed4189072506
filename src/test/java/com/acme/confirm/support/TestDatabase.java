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
import java.util.UUID;

import org.h2.tools.Server;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The audit database of the integration tests, behind a {@link TcpProxy} so that a test
 * can take it away. PostgreSQL by default: in a Testcontainers container where a Docker
 * engine exists, otherwise the local server ({@code CONFIRM_TEST_POSTGRES_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}), in a schema of its
 * own per run. With {@code -Dtest.database=h2}, an H2 server in PostgreSQL mode.
 */
public final class TestDatabase {

	private static volatile TestDatabase instance;

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

	public static TestDatabase get() {
		if (instance == null) {
			synchronized (TestDatabase.class) {
				if (instance == null) {
					instance = start();
				}
			}
		}
		return instance;
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
		catch (Exception ex) {
			throw new IllegalStateException("The test database is not available", ex);
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

	private static TestDatabase startPostgres() throws Exception {
		String base;
		String username;
		String password;
		String configured = System.getenv("CONFIRM_TEST_POSTGRES_URL");
		if (configured == null && DockerClientFactory.instance().isDockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			base = container.getJdbcUrl();
			username = container.getUsername();
			password = container.getPassword();
		}
		else {
			base = (configured != null) ? configured : "jdbc:postgresql://127.0.0.1:5432/test";
			username = System.getenv().getOrDefault("CONFIRM_TEST_POSTGRES_USER", "postgres");
			password = System.getenv().getOrDefault("CONFIRM_TEST_POSTGRES_PASSWORD", "");
		}
		URI uri = URI.create(base.substring("jdbc:".length()));
		TcpProxy proxy = new TcpProxy(uri.getHost(), uri.getPort());
		String schema = "audit_test_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
		String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + uri.getPath() + "?currentSchema=" + schema;
		String direct = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath() + "?currentSchema="
				+ schema;
		TestDatabase database = new TestDatabase(proxied, direct, username, password, schema, proxy);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> database.dropSchema(base)));
		return database;
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
