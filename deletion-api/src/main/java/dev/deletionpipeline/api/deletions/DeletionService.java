package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.api.outbox.OutboxWriter;
import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries out a delete request, whether it came over REST, as a {@code DeletionRequested} command or as an approved
 * held command: in one transaction it inserts the {@code deletions} row, soft-deletes the blocks with one statement
 * and writes one outbox row per block. Deleting a block that is already deleted answers with its existing deletion and
 * writes nothing. A deletion that finds more blocks than it is allowed throws {@link TargetGrewException} and leaves
 * nothing behind.
 */
@Service
public class DeletionService {

    private final DeletionTargets targets;
    private final Deletions deletions;
    private final SoftDeleter softDeleter;
    private final OutboxWriter outbox;
    private final BlockDeletionSettings settings;
    private final DueDates dueDates;
    private final Clock clock;

    DeletionService(
            DeletionTargets targets,
            Deletions deletions,
            SoftDeleter softDeleter,
            OutboxWriter outbox,
            BlockDeletionSettings settings,
            DueDates dueDates,
            Clock clock) {
        this.targets = targets;
        this.deletions = deletions;
        this.softDeleter = softDeleter;
        this.outbox = outbox;
        this.settings = settings;
        this.dueDates = dueDates;
        this.clock = clock;
    }

    /** Soft-deletes one of the owner's blocks with its dependants; 404 if the owner has no such block. */
    @Transactional
    public DeletionAccepted deleteBlock(UUID owner, UUID blockId, String requestedBy, UUID deletionId) {
        return deleteBlock(owner, blockId, requestedBy, deletionId, Long.MAX_VALUE);
    }

    /** As {@link #deleteBlock(UUID, UUID, String, UUID)}, refusing to soft-delete more than {@code maxBlocks}. */
    @Transactional
    public DeletionAccepted deleteBlock(UUID owner, UUID blockId, String requestedBy, UUID deletionId, long maxBlocks) {
        Optional<BlockDeletionState> locked = targets.lock(owner, blockId);
        if (locked.isEmpty()) {
            return targets.receipt(owner, blockId)
                    .map(this::existing)
                    .orElseThrow(() -> new NotFoundException("No block " + blockId + " of this owner."));
        }
        BlockDeletionState block = locked.get();
        if (!block.live()) {
            return existing(block);
        }
        return delete(
                owner,
                new DeletionTarget.Block(blockId, block.calendarId(), block.googleEventId()),
                requestedBy,
                deletionId,
                maxBlocks);
    }

    /**
     * Soft-deletes every live block of the owner that a calendar or owner target names, at most {@code maxBlocks} of
     * them (else {@link TargetGrewException}, and nothing changes).
     */
    @Transactional
    public DeletionAccepted deleteAll(
            UUID owner, DeletionTarget target, String requestedBy, UUID deletionId, long maxBlocks) {
        if (!targets.ownerExists(owner)) {
            throw new NotFoundException("No owner " + owner + ".");
        }
        return delete(owner, target, requestedBy, deletionId, maxBlocks);
    }

    /** Whether the owner exists (live or withdrawn). */
    public boolean ownerExists(UUID owner) {
        return targets.ownerExists(owner);
    }

    private DeletionAccepted delete(
            UUID owner, DeletionTarget target, String requestedBy, UUID deletionId, long maxBlocks) {
        Instant now = SqlTime.now(clock);
        Deletion deletion = Deletion.requested(
                deletionId,
                owner,
                target.kind(),
                target.target(),
                requestedBy,
                now,
                now.plus(settings.gracePeriod()),
                dueDates.dueBy(target.kind(), now));
        deletions.insert(deletion);
        int count = softDeleter.softDelete(deletion, target);
        if (count > maxBlocks) {
            throw new TargetGrewException(maxBlocks, count);
        }
        outbox.softDeletedEventsFor(deletion.id());
        return new DeletionAccepted(
                deletion.id(), BlockState.SOFT_DELETED.name(), deletion.purgeAfter(), count, deletion.dueBy());
    }

    private DeletionAccepted existing(BlockDeletionState block) {
        Optional<Deletion> deletion = deletions.find(block.deletionId());
        return new DeletionAccepted(
                block.deletionId(),
                block.deletionState(),
                block.purgeAfter(),
                deletion.map(Deletion::blockCount).orElse(0),
                deletion.map(Deletion::dueBy).orElse(null));
    }
}
