package dev.deletionpipeline.api.deletions;

import java.util.UUID;

/**
 * The answer of {@code POST /v1/deletions?dryRun=true} (200): what the deletion would soft-delete. Nothing changed.
 *
 * @param confirmationRequired whether carrying it out needs a confirmation (more blocks than the threshold)
 */
public record DeletionDryRun(
        UUID ownerId,
        DeletionKind scope,
        String target,
        DeletionPreview preview,
        int confirmationThreshold,
        boolean confirmationRequired) {}
