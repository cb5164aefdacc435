package dev.deletionpipeline.api.blocks;

/**
 * Which rows a block query reads ({@code include=live|deleted|all}). {@code LIVE} reads the {@code visible_blocks}
 * view: not soft-deleted, with cancellation markers shown in their {@code DELETED} status.
 */
public enum Include {
    LIVE("visible_blocks"),
    DELETED("(SELECT * FROM blocks WHERE deletion_state IS NOT NULL)"),
    ALL("blocks");

    private final String source;

    Include(String source) {
        this.source = source;
    }

    /** The relation to select from. */
    String source() {
        return source;
    }
}
