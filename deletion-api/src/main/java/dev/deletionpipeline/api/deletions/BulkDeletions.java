package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.api.problems.ConflictException;
import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The brakes on a REST bulk deletion ({@code POST /v1/deletions}): a deletion of more blocks than the threshold is
 * not carried out but answered with its preview and a confirmation token; re-sent with the token it is carried out,
 * soft-deleting at most the previewed count (a target that grew meanwhile needs a new confirmation). The token is
 * marked used in the deletion's transaction, so a second re-send answers the same deletion. Writes
 * {@code deletion_confirmations}; the deletion itself through {@link DeletionService}.
 */
@Service
class BulkDeletions {

    private final DeletionPreviews previews;
    private final DeletionService service;
    private final Deletions deletions;
    private final Confirmations confirmations;
    private final BulkDeletionSettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    BulkDeletions(
            DeletionPreviews previews,
            DeletionService service,
            Deletions deletions,
            Confirmations confirmations,
            BulkDeletionSettings settings,
            TransactionTemplate transaction,
            Clock clock) {
        this.previews = previews;
        this.service = service;
        this.deletions = deletions;
        this.confirmations = confirmations;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    DeletionPreview preview(UUID owner, DeletionTarget target) {
        return previews.of(owner, target);
    }

    boolean needsConfirmation(DeletionPreview preview) {
        return settings.needsConfirmation(preview.blocks());
    }

    int threshold() {
        return settings.confirmationThreshold();
    }

    /** Carries out the deletion, or throws {@link ConfirmationRequiredException} and changes nothing. */
    DeletionAccepted delete(String caller, UUID owner, DeletionTarget target, Optional<UUID> token) {
        if (token.isPresent()) {
            return deleteConfirmed(caller, owner, target, token.get());
        }
        DeletionPreview preview = previews.of(owner, target);
        if (needsConfirmation(preview)) {
            throw confirmationRequired(
                    caller,
                    owner,
                    target,
                    preview,
                    "This deletion would soft-delete " + preview.blocks() + " blocks, more than the threshold of "
                            + threshold() + ".");
        }
        try {
            return service.deleteAll(owner, target, caller, UUID.randomUUID(), threshold());
        } catch (TargetGrewException e) {
            throw confirmationRequired(
                    caller,
                    owner,
                    target,
                    previews.of(owner, target),
                    "The target grew past the threshold of " + threshold() + " blocks while it was deleted.");
        }
    }

    private DeletionAccepted deleteConfirmed(String caller, UUID owner, DeletionTarget target, UUID token) {
        Optional<Confirmation> found = confirmations.find(token);
        String refusal = found.isEmpty()
                ? "The confirmation token is unknown."
                : found.get().mismatch(caller, owner, target);
        if (refusal == null && found.get().used()) {
            return alreadyCarriedOut(found.get().deletionId());
        }
        if (refusal == null && found.get().expired(SqlTime.now(clock))) {
            refusal = "The confirmation expired at " + found.get().expiresAt() + ".";
        }
        if (refusal != null) {
            throw confirmationRequired(caller, owner, target, previews.of(owner, target), refusal);
        }
        Confirmation confirmation = found.get();
        UUID deletionId = UUID.randomUUID();
        try {
            return transaction.execute(status -> {
                if (!confirmations.markUsed(token, deletionId)) {
                    throw new ConflictException("A concurrent request used this confirmation; see its deletion.");
                }
                return service.deleteAll(owner, target, caller, deletionId, confirmation.blocks());
            });
        } catch (TargetGrewException e) {
            throw confirmationRequired(
                    caller,
                    owner,
                    target,
                    previews.of(owner, target),
                    "The target grew from " + confirmation.blocks() + " to " + e.found()
                            + " blocks since the preview; the confirmation was for fewer.");
        }
    }

    private DeletionAccepted alreadyCarriedOut(UUID deletionId) {
        return deletions
                .find(deletionId)
                .map(d -> new DeletionAccepted(
                        d.id(), BlockState.SOFT_DELETED.name(), d.purgeAfter(), d.blockCount(), d.dueBy()))
                .orElseThrow(
                        () -> new ConflictException("This confirmation was used for deletion " + deletionId + "."));
    }

    private ConfirmationRequiredException confirmationRequired(
            String caller, UUID owner, DeletionTarget target, DeletionPreview preview, String reason) {
        Instant expiresAt = SqlTime.now(clock).plus(settings.confirmationTtl());
        Confirmation confirmation = new Confirmation(
                UUID.randomUUID(), caller, owner, target.kind(), target.target(), preview.blocks(), expiresAt, null);
        confirmations.insert(confirmation);
        return new ConfirmationRequiredException(reason, preview, confirmation.token(), expiresAt, threshold());
    }
}
