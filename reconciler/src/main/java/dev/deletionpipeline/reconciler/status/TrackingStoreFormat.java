package dev.deletionpipeline.reconciler.status;

/**
 * How the {@link TrackingStores#DELETIONS} store writes its values ({@link TrackedDeletionSerde}); both are always
 * read. Versions before the binary format read JSON only, so instances of such a version must not run next to one that
 * writes binary: a task that moves to them (a rolling upgrade, a standby) could not read its store.
 */
public enum TrackingStoreFormat {
    /** Compact and cheap to write and read: the default once no earlier version runs. */
    BINARY,
    /** As earlier versions wrote it: for the first step of a rolling upgrade, while they may still run. */
    JSON
}
