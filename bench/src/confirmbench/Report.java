package confirmbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The Markdown results section, printed on stdout when the bench ends. Every line is also
 * appended to BENCH_WORK/results.partial.md as it comes, so that a run that dies or is
 * stopped leaves what it had measured. Progress goes to stderr, apart from the results.
 */
final class Report {

	private final Path partial;

	private final List<String> lines = new ArrayList<>();

	Report(Path work) {
		this.partial = work.resolve("results.partial.md");
	}

	void add(String line) {
		try {
			Files.writeString(this.partial, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			// the lines are what counts
		}
		this.lines.add(line);
	}

	void addAll(Collection<String> lines) {
		lines.forEach(this::add);
	}

	/** The number of lines so far: where {@link #takeFrom} cuts. */
	int size() {
		return this.lines.size();
	}

	/**
	 * Removes the lines from {@code from} on and returns them, for a part that is
	 * measured before others but printed after them. The partial file keeps them where
	 * they came.
	 */
	List<String> takeFrom(int from) {
		List<String> taken = new ArrayList<>(this.lines.subList(from, this.lines.size()));
		this.lines.subList(from, this.lines.size()).clear();
		return taken;
	}

	void print() {
		System.out.println(String.join("\n", this.lines));
		System.out.flush();
	}

	static void progress(String message) {
		System.err.println("[bench " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
	}

}
