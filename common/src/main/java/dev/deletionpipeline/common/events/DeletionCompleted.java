package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The receipt of a finished deletion request: every block has ended (confirmed, failed or restored). Topic
 * {@code deletion.receipts.v1}, key = deletion id; one per deletion, or more when a later one supersedes it. Identifiers and outcomes only, never a
 * title or an event's contents. Fields not marked nullable are required.
 *
 * <p>{@code blocksDigest} is the SHA-256 of the canonical JSON of the whole {@code blocks} array, in receipt order, and
 * {@code digest} the SHA-256 of the receipt's canonical JSON without {@code digest} and without {@code blocks} (see
 * {@code ReceiptDigests}): the blocks count through {@code blocksDigest}, so a receipt has the same digest with or
 * without its blocks. A receipt sealed before {@code blocksDigest} existed has none, and its digest covers everything
 * but {@code digest}, blocks included. The digest includes {@code previousDigest}: the receipts of one owner form a
 * chain, numbered by {@code sequence} from 1, so an altered or removed receipt is detectable. A deletion has one
 * receipt unless a block ends again after it was sealed: then a new receipt for the same deletion is appended to the
 * chain, naming the one it replaces in {@code supersedes}; the earlier one is kept as it was.
 *
 * <p>The stored receipt ({@code GET /v1/deletions/{id}/receipt}) always lists every block. The event on the topic lists
 * them only up to a size that fits one Kafka record (deletion-worker's {@code receipts.blocks-in-event}, 1,000 by
 * default), else none: {@code blocks.size() < totals.blocks()} ({@link #carriesAllBlocks()} false) tells a consumer to
 * fetch the stored receipt, whose blocks it checks against {@code blocksDigest} and whose digest is the event's.
 *
 * @param scope BLOCK, CALENDAR, OWNER or WITHDRAWAL, as the request was made
 * @param target nullable: the block id, calendar id or owner id asked for
 * @param dueBy when the request had to be finished: requested + the due period (30 days by default)
 * @param blocks every block, or none when the event leaves them out for size ({@code totals.blocks} says how many)
 * @param blocksDigest nullable: the SHA-256 of the blocks' canonical JSON; null only in receipts sealed before it
 *     existed, whose {@code digest} covers the blocks themselves
 * @param previousDigest nullable: the digest of the owner's previous receipt; null for the owner's first
 * @param supersedes nullable: the digest of this deletion's earlier receipt that this one replaces, because a block
 *     ended again afterwards (hard-deleted after a redrive, or restored); null for a deletion's first receipt
 */
public record DeletionCompleted(
        UUID eventId,
        UUID deletionId,
        UUID ownerId,
        String scope,
        String target,
        String requestedBy,
        Instant requestedAt,
        Instant dueBy,
        Instant completedAt,
        long sequence,
        ReceiptTotals totals,
        List<ReceiptBlock> blocks,
        String blocksDigest,
        String previousDigest,
        String supersedes,
        String digest)
        implements IdentifiedEvent {

    public DeletionCompleted {
        requireNonNull(eventId, "eventId");
        requireNonNull(deletionId, "deletionId");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(scope, "scope");
        requireNonNull(requestedBy, "requestedBy");
        requireNonNull(requestedAt, "requestedAt");
        requireNonNull(dueBy, "dueBy");
        requireNonNull(completedAt, "completedAt");
        requireNonNull(totals, "totals");
        requireNonNull(blocks, "blocks");
        requireNonNull(digest, "digest");
        blocks = List.copyOf(blocks);
    }

    /** False for an event that left its blocks out for size: the stored receipt has them. */
    public boolean carriesAllBlocks() {
        return blocks.size() == totals.blocks();
    }

    /** This receipt as an event without its blocks; its digest stays valid, its {@code blocksDigest} names them. */
    public DeletionCompleted withoutBlocks() {
        if (blocksDigest == null) {
            throw new IllegalStateException(
                    "A receipt without blocksDigest has its blocks in its digest: " + deletionId);
        }
        return new DeletionCompleted(
                eventId,
                deletionId,
                ownerId,
                scope,
                target,
                requestedBy,
                requestedAt,
                dueBy,
                completedAt,
                sequence,
                totals,
                List.of(),
                blocksDigest,
                previousDigest,
                supersedes,
                digest);
    }
}
