package dev.deletionpipeline.reconciler.status;

/**
 * How the reconciler writes the values only it reads: the {@link TrackingStores#DELETIONS} store (and its changelog)
 * and the repartition topics of the ops and request-deadline facts ({@link BinarySerde}); both formats are always
 * read. Versions before the binary format read JSON only, so instances of such a version must not run next to one that
 * writes binary: a task that moves to them (a rolling upgrade, a standby) could not read its store or its facts.
 */
public enum InternalFormat {
    /** Compact and cheap to write and read: the default once no earlier version runs. */
    BINARY,
    /** As earlier versions wrote it: for the first step of a rolling upgrade, while they may still run. */
    JSON
}
