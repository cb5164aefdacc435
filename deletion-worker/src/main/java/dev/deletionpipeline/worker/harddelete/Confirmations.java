package dev.deletionpipeline.worker.harddelete;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of the confirmation of a soft delete is derived from the soft delete's event id: however often the work is
 * redone, one {@code BlockSoftDeleted} can only ever be confirmed under one id.
 */
public final class Confirmations {

    private Confirmations() {}

    public static UUID idFor(UUID sourceEventId) {
        return UUID.nameUUIDFromBytes(("HardDeleteConfirmed:" + sourceEventId).getBytes(StandardCharsets.UTF_8));
    }
}
