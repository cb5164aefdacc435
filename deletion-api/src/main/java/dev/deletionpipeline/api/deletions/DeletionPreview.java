package dev.deletionpipeline.api.deletions;

/**
 * What a deletion would soft-delete, counted with the soft delete's own predicate ({@link DeletionTarget}).
 *
 * @param blocks every block it would soft-delete
 * @param dependants of those, the blocks derived from another block ({@code original_id} set)
 * @param seriesInstances of those, the instances of a recurring series ({@code recurringEventId} set)
 * @param syncedToGoogle of those, the blocks with a Google event the worker will delete
 * @param notSyncedToGoogle of those, the blocks never synced (no Google call)
 */
public record DeletionPreview(
        long blocks, long dependants, long seriesInstances, long syncedToGoogle, long notSyncedToGoogle) {

    public static final DeletionPreview NOTHING = new DeletionPreview(0, 0, 0, 0, 0);
}
