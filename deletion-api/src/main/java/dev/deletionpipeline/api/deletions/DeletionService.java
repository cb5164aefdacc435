package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.api.outbox.OutboxWriter;
import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.api.support.SqlTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries out a delete request, whether it came over REST or as a {@code DeletionRequested} command: in one
 * transaction it inserts the {@code deletions} row, soft-deletes the blocks with one statement and writes one outbox
 * row per block. Deleting a block that is already deleted answers with its existing deletion and writes nothing.
 */
@Service
public class DeletionService {

    private final DeletionTargets targets;
    private final Deletions deletions;
    private final SoftDeleter softDeleter;
    private final OutboxWriter outbox;
    private final BlockDeletionSettings settings;
    private final Clock clock;

    DeletionService(
            DeletionTargets targets,
            Deletions deletions,
            SoftDeleter softDeleter,
            OutboxWriter outbox,
            BlockDeletionSettings settings,
            Clock clock) {
        this.targets = targets;
        this.deletions = deletions;
        this.softDeleter = softDeleter;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /** Soft-deletes one of the owner's blocks with its dependants; 404 if the owner has no such block. */
    @Transactional
    public DeletionAccepted deleteBlock(UUID owner, UUID blockId, String requestedBy, UUID deletionId) {
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
        Deletion deletion = newDeletion(deletionId, owner, DeletionKind.BLOCK, blockId.toString(), requestedBy);
        int count = softDeleter.blockAndDependants(deletion, blockId, block.calendarId(), block.googleEventId());
        return announced(deletion, count);
    }

    /** Soft-deletes every live block of the owner in one calendar. */
    @Transactional
    public DeletionAccepted deleteCalendar(UUID owner, String calendarId, String requestedBy, UUID deletionId) {
        requireOwner(owner);
        Deletion deletion = newDeletion(deletionId, owner, DeletionKind.CALENDAR, calendarId, requestedBy);
        return announced(deletion, softDeleter.calendar(deletion, calendarId));
    }

    /** Soft-deletes every live block of the owner. */
    @Transactional
    public DeletionAccepted deleteEveryBlockOf(UUID owner, String requestedBy, UUID deletionId) {
        requireOwner(owner);
        Deletion deletion = newDeletion(deletionId, owner, DeletionKind.OWNER, owner.toString(), requestedBy);
        return announced(deletion, softDeleter.everyBlockOfOwner(deletion));
    }

    /** Whether the owner exists (live or withdrawn). */
    public boolean ownerExists(UUID owner) {
        return targets.ownerExists(owner);
    }

    private Deletion newDeletion(UUID id, UUID owner, DeletionKind kind, String target, String requestedBy) {
        Instant now = SqlTime.now(clock);
        Deletion deletion =
                Deletion.requested(id, owner, kind, target, requestedBy, now, now.plus(settings.gracePeriod()));
        deletions.insert(deletion);
        return deletion;
    }

    private DeletionAccepted announced(Deletion deletion, int count) {
        outbox.softDeletedEventsFor(deletion.id());
        return new DeletionAccepted(deletion.id(), "SOFT_DELETED", deletion.purgeAfter(), count);
    }

    private DeletionAccepted existing(BlockDeletionState block) {
        int blocks =
                deletions.find(block.deletionId()).map(Deletion::blockCount).orElse(0);
        return new DeletionAccepted(block.deletionId(), block.deletionState(), block.purgeAfter(), blocks);
    }

    private void requireOwner(UUID owner) {
        if (!targets.ownerExists(owner)) {
            throw new NotFoundException("No owner " + owner + ".");
        }
    }
}
