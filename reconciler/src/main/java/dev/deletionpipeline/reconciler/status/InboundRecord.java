package dev.deletionpipeline.reconciler.status;

/**
 * A record as it came from one of the tracked topics, still undecoded, so that a record that cannot be read keeps its
 * exact bytes on its way to the reconciler's dead-letter topic.
 */
record InboundRecord(Source source, byte[] value) {

    /** Which tracked topic a record came from; topic names may carry a prefix, so the source is tagged, not parsed. */
    enum Source {
        LIFECYCLE,
        HARD_DELETE_CONFIRMED,
        DELETION_DEAD_LETTERS
    }
}
