package dev.deletionpipeline.api.owners;

import dev.deletionpipeline.api.deletions.Deletion;
import dev.deletionpipeline.api.deletions.DeletionAccepted;
import dev.deletionpipeline.api.deletions.DeletionKind;
import dev.deletionpipeline.api.deletions.DeletionTarget;
import dev.deletionpipeline.api.deletions.Deletions;
import dev.deletionpipeline.api.deletions.DueDates;
import dev.deletionpipeline.api.deletions.SoftDeleter;
import dev.deletionpipeline.api.problems.ConflictException;
import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.api.restore.DeletionRestorer;
import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Withdraws an account and restores it within the window. Withdrawal: the owner row is soft-deleted, its session
 * tokens are hard-deleted (the next request with any of them is a 401), its Google credentials stay for the worker,
 * and every live block is soft-deleted under one WITHDRAWAL deletion whose {@code purge_after} is the end of the
 * window. Restore brings back the owner and exactly the blocks of that deletion. Writes {@code owners},
 * {@code session_tokens}, {@code deletions}, {@code blocks}.
 */
@Service
public class WithdrawalService {

    private final Owners owners;
    private final Deletions deletions;
    private final SoftDeleter softDeleter;
    private final DeletionRestorer restorer;
    private final WithdrawalSettings settings;
    private final DueDates dueDates;
    private final Clock clock;

    WithdrawalService(
            Owners owners,
            Deletions deletions,
            SoftDeleter softDeleter,
            DeletionRestorer restorer,
            WithdrawalSettings settings,
            DueDates dueDates,
            Clock clock) {
        this.owners = owners;
        this.deletions = deletions;
        this.softDeleter = softDeleter;
        this.restorer = restorer;
        this.settings = settings;
        this.dueDates = dueDates;
        this.clock = clock;
    }

    /** Withdraws the account; repeating it answers the existing withdrawal. */
    @Transactional
    public DeletionAccepted withdraw(UUID ownerId, String requestedBy) {
        Owner owner = owners.findLockedById(ownerId).orElseThrow(() -> unknown(ownerId));
        if (owner.withdrawn()) {
            Optional<Deletion> existing = deletions.find(owner.deletionId());
            return new DeletionAccepted(
                    owner.deletionId(),
                    "WITHDRAWN",
                    owner.purgeAfter(),
                    existing.map(Deletion::blockCount).orElse(0),
                    existing.map(Deletion::dueBy).orElse(null));
        }
        Instant now = SqlTime.now(clock);
        Instant purgeAfter = now.plus(settings.restoreWindow());
        Deletion deletion = Deletion.requested(
                UUID.randomUUID(),
                ownerId,
                DeletionKind.WITHDRAWAL,
                ownerId.toString(),
                requestedBy,
                now,
                purgeAfter,
                dueDates.dueBy(DeletionKind.WITHDRAWAL, purgeAfter));
        deletions.insert(deletion);
        // not held back by the confirmation threshold: it is the owner's own request, with its own window to undo it
        int blocks = softDeleter.softDelete(deletion, DeletionTarget.everyBlockOf(ownerId));
        owners.save(owner.withdrawnBy(deletion.id(), now, purgeAfter));
        owners.deleteSessions(ownerId);
        return new DeletionAccepted(deletion.id(), "WITHDRAWN", purgeAfter, blocks, deletion.dueBy());
    }

    /** Restores a withdrawn account within its window; a live account is answered as it is. */
    @Transactional
    public OwnerView restore(UUID ownerId) {
        Owner owner = owners.findLockedById(ownerId).orElseThrow(() -> unknown(ownerId));
        if (!owner.withdrawn()) {
            return OwnerView.of(owner);
        }
        if (owner.purgeStartedAt() != null || !owner.purgeAfter().isAfter(SqlTime.now(clock))) {
            throw new ConflictException("The restore window of this account ended at " + owner.purgeAfter()
                    + "; its data is being deleted.");
        }
        if (owners.existsByHandleAndDeletedAtIsNullAndIdNot(owner.handle(), owner.id())) {
            throw new ConflictException("Cannot restore: the handle '" + owner.handle()
                    + "' now belongs to another account. Free the handle first.");
        }
        deletions.find(owner.deletionId()).ifPresent(deletion -> restorer.restore(deletion, false));
        return OwnerView.of(owners.save(owner.restored()));
    }

    private static NotFoundException unknown(UUID ownerId) {
        return new NotFoundException("No owner " + ownerId + ".");
    }
}
