package com.acme.confirm.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One verification's walk along the hash chain, from where it starts (the checkpoint, or
 * the last purged link) to the chain head as read when it began, stopping at the first
 * link that does not hold.
 * <p>
 * It needs no snapshot of the database, only what {@link AuditRepository} keeps: every
 * link up to a head that was read is committed and stays as it is, appends land above it,
 * and the purge deletes a prefix of the chain and records its last link in the head. So
 * the walk stops at the head it read, and a link that has gone missing is a break only if
 * the head, read again, does not say it was purged; the walk then goes on from the purged
 * link. (H2's REPEATABLE READ takes each table's snapshot when a transaction first reads
 * that table, so there even a snapshot transaction would read the head and the rows at
 * different moments.)
 * <p>
 * Past 200 lines with its reads and results as nested types: each step (the checkpoint's
 * link, a batch, a link gone missing) moves the same position and target, which split
 * across classes would have to be passed back and forth.
 */
final class ChainWalk {

	/** How many links are read at a time. */
	static final int BATCH = 1000;

	private final Links links;

	private final ChainCheckpoint checkpoint;

	private final boolean full;

	/** The newest link to check and its hash, as the head has them. */
	private long lastSeq;

	private String lastHash = AuditRow.GENESIS_HASH;

	private long firstSeq;

	private long expectedSeq;

	private String prevHash = AuditRow.GENESIS_HASH;

	private long checked;

	private boolean fromCheckpoint;

	private ChainWalk(Links links, ChainCheckpoint checkpoint, boolean full) {
		this.links = links;
		this.checkpoint = checkpoint;
		this.full = full;
	}

	/**
	 * Verifies the chain.
	 * @param links how the chain is read
	 * @param checkpoint the last link an earlier verification found intact
	 * @param full whether to check every link from the last purged one, rather than those
	 * after the checkpoint
	 * @param clock when the verification ends
	 * @return the verdict, and the new checkpoint when the chain holds
	 */
	static Result walk(Links links, ChainCheckpoint checkpoint, boolean full, Clock clock) {
		ChainWalk walk = new ChainWalk(links, checkpoint, full);
		Broken broken = walk.run();
		Instant now = clock.instant();
		@Nullable Long checkpointSeq = walk.fromCheckpoint ? checkpoint.seq() : null;
		if (broken != null) {
			return new Result(new ChainVerification(false, walk.checked, walk.firstSeq, walk.lastSeq, broken.seq(),
					broken.eventId(), broken.problem(), full, now, checkpointSeq), null);
		}
		return new Result(new ChainVerification(true, walk.checked, walk.firstSeq, walk.lastSeq, null, null, null, full,
				now, checkpointSeq), new ChainCheckpoint(walk.lastSeq, walk.lastHash, now));
	}

	private @Nullable Broken run() {
		AuditRepository.ChainHead head = this.links.head();
		this.lastSeq = head.lastSeq();
		this.lastHash = head.lastHash();
		startAfter(head.purgedThroughSeq(), head.purgedThroughHash());
		long verified = this.checkpoint.seq();
		if (verified > this.lastSeq) {
			return new Broken(this.lastSeq + 1, null,
					"the chain ends at link " + this.lastSeq + ", before link " + verified + ", " + foundIntact());
		}
		Broken broken = (!this.full && verified > head.purgedThroughSeq()) ? startAtCheckpoint()
				: unchangedSinceVerified(head.purgedThroughSeq(), head.purgedThroughHash(), null);
		return (broken != null) ? broken : walkToHead();
	}

	/**
	 * Starts after the checkpoint's link, once that link still holds and has the hash the
	 * checkpoint recorded: an edit of it is found without a full verification.
	 */
	private @Nullable Broken startAtCheckpoint() {
		long seq = this.checkpoint.seq();
		Optional<Link> found = this.links.at(seq);
		if (found.isEmpty()) {
			return missing(seq, null, "link " + seq + " is missing, " + foundIntact());
		}
		Link link = found.get();
		if (!link.row().chainHash(seq, link.prevHash()).equals(link.hash())) {
			return new Broken(seq, link.row().id(), "its content does not match its hash");
		}
		Broken changed = unchangedSinceVerified(seq, link.hash(), link.row().id());
		if (changed == null) {
			startAfter(seq, link.hash());
		}
		return changed;
	}

	private @Nullable Broken walkToHead() {
		while (this.expectedSeq <= this.lastSeq) {
			List<Link> batch = this.links.between(this.expectedSeq, this.lastSeq, BATCH);
			int used = 0;
			while (used < batch.size() && batch.get(used).seq() == this.expectedSeq) {
				Broken broken = check(batch.get(used));
				if (broken != null) {
					return broken;
				}
				used++;
			}
			if (used == BATCH || this.expectedSeq > this.lastSeq) {
				continue;
			}
			Link next = (used < batch.size()) ? batch.get(used) : null;
			Broken broken = (next != null)
					? missing(this.expectedSeq, next.row().id(), "link " + this.expectedSeq + " is missing")
					: missing(this.expectedSeq, null, "the chain ends before its head (link " + this.lastSeq + ")");
			if (broken != null) {
				return broken;
			}
		}
		if (!this.prevHash.equals(this.lastHash)) {
			return new Broken(this.lastSeq, null, "its hash does not match the chain head's");
		}
		return null;
	}

	private @Nullable Broken check(Link link) {
		long seq = link.seq();
		UUID id = link.row().id();
		if (!this.prevHash.equals(link.prevHash())) {
			return new Broken(seq, id, "its previous-hash does not match link " + (seq - 1));
		}
		if (!link.row().chainHash(seq, this.prevHash).equals(link.hash())) {
			return new Broken(seq, id, "its content does not match its hash");
		}
		Broken changed = unchangedSinceVerified(seq, link.hash(), id);
		if (changed != null) {
			return changed;
		}
		this.prevHash = link.hash();
		this.expectedSeq++;
		this.checked++;
		return null;
	}

	/**
	 * A link that is not there: a break, unless the purge has removed it since the walk
	 * began. Then the walk goes on from the last purged link, as a verification that
	 * began after the purge would, and the answer is null.
	 */
	private @Nullable Broken missing(long seq, @Nullable UUID nextEventId, String problem) {
		AuditRepository.ChainHead head = this.links.head();
		if (head.purgedThroughSeq() < seq) {
			return new Broken(seq, nextEventId, problem);
		}
		if (head.purgedThroughSeq() >= this.lastSeq) {
			this.lastSeq = head.lastSeq();
			this.lastHash = head.lastHash();
		}
		startAfter(head.purgedThroughSeq(), head.purgedThroughHash());
		return unchangedSinceVerified(head.purgedThroughSeq(), head.purgedThroughHash(), null);
	}

	private void startAfter(long seq, String hash) {
		this.firstSeq = seq + 1;
		this.expectedSeq = seq + 1;
		this.prevHash = hash;
		this.checked = 0;
		this.fromCheckpoint = !this.full && seq == this.checkpoint.seq();
	}

	/**
	 * The checkpoint's link must keep the hash it had when it was verified, in a full
	 * verification too: a chain rewritten consistently up to it is caught there.
	 */
	private @Nullable Broken unchangedSinceVerified(long seq, String hash, @Nullable UUID eventId) {
		if (seq == this.checkpoint.seq() && !hash.equals(this.checkpoint.hash())) {
			return new Broken(seq, eventId, "its hash differs from the one " + foundIntact());
		}
		return null;
	}

	private String foundIntact() {
		Instant at = this.checkpoint.verifiedAt();
		return "which a verification found intact" + ((at != null) ? " at " + at : "");
	}

	/**
	 * The reads of the chain a walk needs, each seeing what was committed when it began.
	 */
	interface Links {

		/** The chain head as it is now. */
		AuditRepository.ChainHead head();

		/** The link at a position, if it is there. */
		Optional<Link> at(long seq);

		/** Links from one position to another, both included, in order, at most limit. */
		List<Link> between(long fromSeq, long toSeq, int limit);

	}

	/**
	 * A completed row at its place in the chain, as stored.
	 */
	record Link(AuditRow row, long seq, String prevHash, String hash) {
	}

	/**
	 * The verdict, and the checkpoint a chain that holds moves to.
	 */
	record Result(ChainVerification verification, @Nullable ChainCheckpoint reached) {
	}

	private record Broken(long seq, @Nullable UUID eventId, String problem) {
	}

}
