package dev.deletionpipeline.common.events;

/**
 * What a block's owner sees of it in {@code blocks.item_status} (V1's {@code blocks_item_status_ck}): a soft-deleted
 * {@link BlockKind#CANCELLATION_MARKER} stays visible as {@link #DELETED}; every other block is {@link #ACTIVE}.
 */
public enum ItemStatus {
    ACTIVE,
    DELETED
}
