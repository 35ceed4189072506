package confirmbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * CPU time (user + system, from /proc) of the driver JVM (callers and stand-in), the
 * service and the PostgreSQL backends serving the service's connections (found by their
 * application_name). Robust to a busy machine where latencies are not: CPU per call is
 * what decides throughput once the cores are saturated.
 */
final class Cpu {

	static final String APPLICATION_NAME = "confirm-bench-service";

	private static final double TICKS = 100.0;

	/**
	 * @param driver the driver JVM
	 * @param service the service JVM, all threads
	 * @param postgres the service's PostgreSQL backends
	 * @param jit the service's JIT compiler threads (part of service)
	 * @param gc the service's GC threads (part of service)
	 */
	record Sample(double driver, double service, double postgres, double jit, double gc) {

		static final Sample ZERO = new Sample(0, 0, 0, 0, 0);

		Sample minus(Sample o) {
			return new Sample(this.driver - o.driver, this.service - o.service, this.postgres - o.postgres,
					this.jit - o.jit, this.gc - o.gc);
		}

		Sample plus(Sample o) {
			return new Sample(this.driver + o.driver, this.service + o.service, this.postgres + o.postgres,
					this.jit + o.jit, this.gc + o.gc);
		}

	}

	private final Supplier<Connection> db;

	Cpu(Supplier<Connection> db) {
		this.db = db;
	}

	Sample sample(long servicePid) {
		double jit = 0;
		double gc = 0;
		if (servicePid > 0) {
			try (var tasks = Files.list(Path.of("/proc/" + servicePid + "/task"))) {
				for (Path task : tasks.toList()) {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
						jit += ticks(stat);
					}
					else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
						gc += ticks(stat);
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// threads come and go
			}
		}
		return new Sample(seconds(ProcessHandle.current().pid()), (servicePid > 0) ? seconds(servicePid) : 0,
				postgres(), jit, gc);
	}

	private static double ticks(String stat) {
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
	}

	private double postgres() {
		double total = 0;
		for (long pid : backends()) {
			total += seconds(pid);
		}
		return total;
	}

	private List<Long> backends() {
		List<Long> pids = new ArrayList<>();
		try (Connection c = this.db.get(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(
						"SELECT pid FROM pg_stat_activity WHERE application_name = '" + APPLICATION_NAME + "'")) {
			while (rs.next()) {
				pids.add(rs.getLong(1));
			}
		}
		catch (SQLException ex) {
			// no figures rather than no benchmark
		}
		return pids;
	}

	/** utime + stime of a process, all its threads, in seconds; 0 if it is gone. */
	static double seconds(long pid) {
		try {
			// fields 14 and 15 (utime, stime) of stat
			return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
