package dev.deletionpipeline.common.events;

/** What a block is for; decides how a soft delete shows to its owner. */
public enum BlockKind {
    /** An ordinary block: a soft delete sets {@code deleted_at} and hides it from every ordinary query. */
    ORDINARY,
    /**
     * A cancellation marker ("T block"): a soft delete sets {@code item_status = DELETED}, keeps {@code deleted_at}
     * null, and the owner keeps seeing it with that status. Its Google event is still deleted downstream.
     */
    CANCELLATION_MARKER
}
