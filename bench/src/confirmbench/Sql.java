package confirmbench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The bench's own SQL (schemas, seeding, sizes, the floor's commits), as BENCH_PG_USER
 * without a password, one connection per statement.
 */
final class Sql {

	private final String url;

	private final String user;

	Sql(String url, String user) {
		this.url = url;
		this.user = user;
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.user, "");
	}

	void execute(String sql) throws SQLException {
		try (Connection c = connect(); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	/** The first column of the first row. */
	String querySingle(String sql) throws SQLException {
		try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
			rs.next();
			return rs.getString(1);
		}
	}

	/** "PostgreSQL" and its version, for the report; without it if it cannot be read. */
	String version() {
		try {
			return "PostgreSQL " + querySingle("SHOW server_version").split(" ")[0];
		}
		catch (SQLException ex) {
			return "PostgreSQL";
		}
	}

}
