package com.acme.confirm.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verification's walk against a chain in memory whose writers act between its reads
 * as appends and the purge do in the database: right after the walk read the head, or
 * between two batches.
 */
class ChainWalkTests {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final ChainCheckpoint GENESIS = new ChainCheckpoint(0, AuditRow.GENESIS_HASH, null);

	private final Chain chain = new Chain();

	@Test
	void fullWhenChainIntactThenValidThroughHeadAndCheckpointMovesThere() {
		this.chain.append(5);

		ChainWalk.Result result = ChainWalk.walk(this.chain, GENESIS, true, CLOCK);

		assertValid(result, 1, 5, 5);
		assertThat(result.verification().full()).isTrue();
		assertThat(result.verification().verifiedAt()).isEqualTo(NOW);
		assertThat(result.verification().checkpointSeq()).isNull();
		assertThat(result.reached()).isEqualTo(new ChainCheckpoint(5, this.chain.hashOf(5), NOW));
	}

	@Test
	void incrementalThenOnlyLinksAfterCheckpointChecked() {
		this.chain.append(5);
		ChainCheckpoint checkpoint = new ChainCheckpoint(3, this.chain.hashOf(3), NOW.minusSeconds(60));

		ChainWalk.Result result = ChainWalk.walk(this.chain, checkpoint, false, CLOCK);

		assertValid(result, 4, 5, 2);
		assertThat(result.verification().full()).isFalse();
		assertThat(result.verification().checkpointSeq()).isEqualTo(3);
		assertThat(this.chain.read).doesNotContain(1L, 2L);
	}

	@Test
	void incrementalWhenNothingNewThenValidWithNoLinkChecked() {
		this.chain.append(3);
		ChainCheckpoint checkpoint = new ChainCheckpoint(3, this.chain.hashOf(3), NOW.minusSeconds(60));

		ChainWalk.Result result = ChainWalk.walk(this.chain, checkpoint, false, CLOCK);

		assertValid(result, 4, 3, 0);
		assertThat(result.reached().seq()).isEqualTo(3);
	}

	@Test
	void whenLinksAppendedRightAfterHeadReadThenValidThroughTheHeadRead() {
		this.chain.append(5);
		this.chain.afterHeadRead(1, () -> this.chain.append(64));

		ChainWalk.Result result = ChainWalk.walk(this.chain, GENESIS, true, CLOCK);

		assertValid(result, 1, 5, 5);
		assertThat(result.reached()).isEqualTo(new ChainCheckpoint(5, this.chain.hashOf(5), NOW));
	}

	@Test
	void whenPurgeRightAfterHeadReadThenGoesOnFromPurgedLink() {
		this.chain.append(10);
		this.chain.afterHeadRead(1, () -> this.chain.purgeThrough(6));

		ChainWalk.Result result = ChainWalk.walk(this.chain, GENESIS, true, CLOCK);

		assertValid(result, 7, 10, 4);
	}

	@Test
	void whenEverythingPurgedRightAfterHeadReadThenValidAtTheNewHead() {
		this.chain.append(10);
		this.chain.afterHeadRead(1, () -> {
			this.chain.purgeThrough(10);
			this.chain.append(2);
		});

		ChainWalk.Result result = ChainWalk.walk(this.chain, GENESIS, true, CLOCK);

		assertValid(result, 11, 12, 2);
	}

	@Test
	void whenPurgeBetweenBatchesThenGoesOnFromPurgedLink() {
		this.chain.append(ChainWalk.BATCH + 500);
		this.chain.afterBatch(1, () -> this.chain.purgeThrough(ChainWalk.BATCH + 200));

		ChainWalk.Result result = ChainWalk.walk(this.chain, GENESIS, true, CLOCK);

		assertValid(result, ChainWalk.BATCH + 201, ChainWalk.BATCH + 500, 300);
	}

	@Test
	void whenLinksAppendedBetweenBatchesThenValidThroughTheHeadRead() {
		this.chain.append(ChainWalk.BATCH + 5);
		this.chain.afterBatch(1, () -> this.chain.append(64));

		ChainWalk.Result result = ChainWalk.walk(this.chain, GENESIS, true, CLOCK);

		assertValid(result, 1, ChainWalk.BATCH + 5, ChainWalk.BATCH + 5);
	}

	@Test
	void incrementalWhenPurgedPastCheckpointThenStartsFromPurgedLink() {
		this.chain.append(10);
		ChainCheckpoint checkpoint = new ChainCheckpoint(4, this.chain.hashOf(4), NOW.minusSeconds(60));
		this.chain.purgeThrough(7);

		ChainWalk.Result result = ChainWalk.walk(this.chain, checkpoint, false, CLOCK);

		assertValid(result, 8, 10, 3);
		assertThat(result.verification().checkpointSeq()).isNull();
	}

	@Test
	void incrementalWhenCheckpointLinkPurgedRightAfterHeadReadThenStartsFromPurgedLink() {
		this.chain.append(10);
		ChainCheckpoint checkpoint = new ChainCheckpoint(4, this.chain.hashOf(4), NOW.minusSeconds(60));
		this.chain.afterHeadRead(1, () -> this.chain.purgeThrough(7));

		ChainWalk.Result result = ChainWalk.walk(this.chain, checkpoint, false, CLOCK);

		assertValid(result, 8, 10, 3);
	}

	@Test
	void incrementalWhenPurgedExactlyThroughCheckpointThenStartsThereAndComparesItsHash() {
		this.chain.append(10);
		ChainCheckpoint checkpoint = new ChainCheckpoint(4, this.chain.hashOf(4), NOW.minusSeconds(60));
		this.chain.purgeThrough(4);

		ChainWalk.Result intact = ChainWalk.walk(this.chain, checkpoint, false, CLOCK);
		ChainWalk.Result other = ChainWalk.walk(this.chain,
				new ChainCheckpoint(4, "f".repeat(64), NOW.minusSeconds(60)), false, CLOCK);

		assertValid(intact, 5, 10, 6);
		assertThat(intact.verification().checkpointSeq()).isEqualTo(4);
		assertBroken(other, 4, "differs");
	}

	@Test
	void incrementalWhenCheckpointLinkEditedThenReportedThere() {
		this.chain.append(5);
		ChainCheckpoint checkpoint = new ChainCheckpoint(3, this.chain.hashOf(3), NOW.minusSeconds(60));
		this.chain.edit(3);

		assertBroken(ChainWalk.walk(this.chain, checkpoint, false, CLOCK), 3, "content");
	}

	@Test
	void whenCheckpointLinkRehashedThenIncrementalAndFullReportIt() {
		this.chain.append(5);
		ChainCheckpoint checkpoint = new ChainCheckpoint(3, this.chain.hashOf(3), NOW.minusSeconds(60));
		// Everything from link 2 on rewritten consistently, head included: only the
		// checkpoint knows.
		this.chain.rewriteFrom(2);

		assertBroken(ChainWalk.walk(this.chain, checkpoint, false, CLOCK), 3, "differs from the one which");
		assertBroken(ChainWalk.walk(this.chain, checkpoint, true, CLOCK), 3, "differs");
	}

	@Test
	void whenLinkBeforeCheckpointEditedThenOnlyFullVerificationFindsIt() {
		this.chain.append(5);
		ChainCheckpoint checkpoint = new ChainCheckpoint(4, this.chain.hashOf(4), NOW.minusSeconds(60));
		this.chain.edit(2);

		assertValid(ChainWalk.walk(this.chain, checkpoint, false, CLOCK), 5, 5, 1);
		assertBroken(ChainWalk.walk(this.chain, checkpoint, true, CLOCK), 2, "content");
	}

	@Test
	void whenLinkDeletedAndNotPurgedThenMissingAtItsSeq() {
		this.chain.append(5);
		UUID next = this.chain.links.get(4L).row().id();
		this.chain.links.remove(3L);

		ChainWalk.Result result = ChainWalk.walk(this.chain, GENESIS, true, CLOCK);

		assertBroken(result, 3, "link 3 is missing");
		assertThat(result.verification().brokenEventId()).isEqualTo(next);
		assertThat(result.verification().checkedEvents()).isEqualTo(2);
	}

	@Test
	void whenNewestLinkDeletedThenChainEndsBeforeHead() {
		this.chain.append(5);
		this.chain.links.remove(5L);

		assertBroken(ChainWalk.walk(this.chain, GENESIS, true, CLOCK), 5, "ends before its head");
	}

	@Test
	void whenTwoLinksSwappedThenFirstOfThemReported() {
		this.chain.append(5);
		ChainWalk.Link second = this.chain.links.get(2L);
		ChainWalk.Link third = this.chain.links.get(3L);
		this.chain.links.put(2L, new ChainWalk.Link(third.row(), 2, third.prevHash(), third.hash()));
		this.chain.links.put(3L, new ChainWalk.Link(second.row(), 3, second.prevHash(), second.hash()));

		assertBroken(ChainWalk.walk(this.chain, GENESIS, true, CLOCK), 2, "previous-hash");
	}

	@Test
	void whenCheckpointLinkDeletedThenIncrementalReportsItMissing() {
		this.chain.append(5);
		ChainCheckpoint checkpoint = new ChainCheckpoint(3, this.chain.hashOf(3), NOW.minusSeconds(60));
		this.chain.links.remove(3L);

		assertBroken(ChainWalk.walk(this.chain, checkpoint, false, CLOCK), 3, "link 3 is missing");
	}

	@Test
	void whenHeadBehindCheckpointThenBroken() {
		this.chain.append(3);
		ChainCheckpoint checkpoint = new ChainCheckpoint(5, "e".repeat(64), NOW.minusSeconds(60));

		assertBroken(ChainWalk.walk(this.chain, checkpoint, false, CLOCK), 4, "before link 5");
		assertBroken(ChainWalk.walk(this.chain, checkpoint, true, CLOCK), 4, "before link 5");
	}

	@Test
	void whenHeadHashDiffersFromNewestLinkThenBrokenAtHead() {
		this.chain.append(3);
		this.chain.lastHash = "d".repeat(64);

		assertBroken(ChainWalk.walk(this.chain, GENESIS, true, CLOCK), 3, "chain head");
	}

	private static void assertValid(ChainWalk.Result result, long firstSeq, long lastSeq, long checked) {
		assertThat(result.verification().valid()).as("%s", result.verification()).isTrue();
		assertThat(result.verification().firstSeq()).isEqualTo(firstSeq);
		assertThat(result.verification().lastSeq()).isEqualTo(lastSeq);
		assertThat(result.verification().checkedEvents()).isEqualTo(checked);
		assertThat(result.reached()).isNotNull();
		assertThat(result.reached().seq()).isEqualTo(lastSeq);
	}

	private static void assertBroken(ChainWalk.Result result, long seq, String problem) {
		assertThat(result.verification().valid()).isFalse();
		assertThat(result.verification().brokenAtSeq()).isEqualTo(seq);
		assertThat(result.verification().problem()).contains(problem);
		assertThat(result.reached()).isNull();
	}

	/**
	 * A chain in memory, written as {@link AuditRepository} writes it.
	 */
	private static final class Chain implements ChainWalk.Links {

		private final TreeMap<Long, ChainWalk.Link> links = new TreeMap<>();

		private final Set<Long> read = new HashSet<>();

		private final List<Runnable> afterHeadReads = new ArrayList<>();

		private final List<Runnable> afterBatches = new ArrayList<>();

		private long lastSeq;

		private String lastHash = AuditRow.GENESIS_HASH;

		private long purgedSeq;

		private String purgedHash = AuditRow.GENESIS_HASH;

		private int headReads;

		private int batches;

		void append(int count) {
			for (int i = 0; i < count; i++) {
				long seq = this.lastSeq + 1;
				AuditRow row = row("user-" + seq);
				String hash = row.chainHash(seq, this.lastHash);
				this.links.put(seq, new ChainWalk.Link(row, seq, this.lastHash, hash));
				this.lastSeq = seq;
				this.lastHash = hash;
			}
		}

		void purgeThrough(long seq) {
			this.purgedHash = (seq == this.lastSeq) ? this.lastHash : this.links.get(seq).hash();
			this.links.headMap(seq, true).clear();
			this.purgedSeq = seq;
		}

		/** Another row's content at a link, its hashes unchanged. */
		void edit(long seq) {
			ChainWalk.Link link = this.links.get(seq);
			this.links.put(seq, new ChainWalk.Link(row("edited"), seq, link.prevHash(), link.hash()));
		}

		/** An edit at a link with every hash from there on recomputed, the head's too. */
		void rewriteFrom(long seq) {
			String prev = this.links.get(seq).prevHash();
			for (long at = seq; at <= this.lastSeq; at++) {
				AuditRow row = (at == seq) ? row("rewritten") : this.links.get(at).row();
				String hash = row.chainHash(at, prev);
				this.links.put(at, new ChainWalk.Link(row, at, prev, hash));
				prev = hash;
			}
			this.lastHash = prev;
		}

		String hashOf(long seq) {
			return this.links.get(seq).hash();
		}

		void afterHeadRead(int read, Runnable writer) {
			while (this.afterHeadReads.size() < read) {
				this.afterHeadReads.add(() -> {
				});
			}
			this.afterHeadReads.set(read - 1, writer);
		}

		void afterBatch(int batch, Runnable writer) {
			while (this.afterBatches.size() < batch) {
				this.afterBatches.add(() -> {
				});
			}
			this.afterBatches.set(batch - 1, writer);
		}

		@Override
		public AuditRepository.ChainHead head() {
			AuditRepository.ChainHead head = new AuditRepository.ChainHead(this.lastSeq, this.lastHash, this.purgedSeq,
					this.purgedHash);
			if (this.headReads < this.afterHeadReads.size()) {
				this.afterHeadReads.get(this.headReads).run();
			}
			this.headReads++;
			return head;
		}

		@Override
		public Optional<ChainWalk.Link> at(long seq) {
			this.read.add(seq);
			return Optional.ofNullable(this.links.get(seq));
		}

		@Override
		public List<ChainWalk.Link> between(long fromSeq, long toSeq, int limit) {
			List<ChainWalk.Link> batch = this.links.subMap(fromSeq, true, toSeq, true)
				.values()
				.stream()
				.limit(limit)
				.toList();
			batch.forEach((link) -> this.read.add(link.seq()));
			if (this.batches < this.afterBatches.size()) {
				this.afterBatches.get(this.batches).run();
			}
			this.batches++;
			return batch;
		}

		private static AuditRow row(String username) {
			Instant at = Instant.parse("2026-11-30T10:00:00Z");
			return new AuditRow(UUID.randomUUID(), at, at.plusMillis(20), "ADMIN_CONFIRM_SIGN_UP", "CONFIRMED", null,
					"admin-1", "https://idp.example.com", null, "[\"user-admin\"]", "eu-west-1_AbCdEf123", username,
					null, null, "[]", "c0ffee", "req-1", "127.0.0.1", "test", 20L, "CONFIRMED", null, null, null, null,
					null);
		}

	}

}
