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
 * <p>{@code digest} is the SHA-256 of the receipt's canonical JSON without {@code digest} (see
 * {@code ReceiptDigests}), which includes {@code previousDigest}: the receipts of one owner form a chain, numbered by
 * {@code sequence} from 1, so an altered or removed receipt is detectable. A deletion has one receipt unless a block
 * ends again after it was sealed: then a new receipt for the same deletion is appended to the chain, naming the one it
 * replaces in {@code supersedes}; the earlier one is kept as it was.
 *
 * @param scope BLOCK, CALENDAR, OWNER or WITHDRAWAL, as the request was made
 * @param target nullable: the block id, calendar id or owner id asked for
 * @param dueBy when the request had to be finished: requested + the due period (30 days by default)
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
}
