package dev.deletionpipeline.reconciler.config;

import static java.util.Objects.requireNonNull;

import org.springframework.util.unit.DataSize;

/**
 * The off-heap memory budget of all RocksDB state stores of one instance ({@code deletion.reconciler.rocksdb.*} in
 * {@code application.yml}); see {@link SharedRocksDbMemory}.
 *
 * @param totalOffHeap the one block cache of all stores, their memtables counted against it
 * @param writeBufferShare share (0..1) of {@code totalOffHeap} that memtables may take before RocksDB flushes them
 * @param maxWriteBufferSize the largest single memtable of a store
 */
public record RocksDbMemorySettings(DataSize totalOffHeap, double writeBufferShare, DataSize maxWriteBufferSize) {

    public RocksDbMemorySettings {
        requirePositive(totalOffHeap, "totalOffHeap");
        requirePositive(maxWriteBufferSize, "maxWriteBufferSize");
        if (!(writeBufferShare > 0 && writeBufferShare < 1)) {
            throw new IllegalArgumentException("writeBufferShare must be in (0, 1): " + writeBufferShare);
        }
        if (maxWriteBufferSize.toBytes() > (long) (totalOffHeap.toBytes() * writeBufferShare)) {
            throw new IllegalArgumentException("maxWriteBufferSize " + maxWriteBufferSize
                    + " exceeds the memtable share of totalOffHeap " + totalOffHeap);
        }
    }

    /** The defaults of {@code application.yml}. */
    public static RocksDbMemorySettings defaults() {
        return new RocksDbMemorySettings(DataSize.ofMegabytes(32), 0.5, DataSize.ofMegabytes(4));
    }

    /** Bytes of {@code totalOffHeap} that all memtables together may take. */
    public long writeBufferBytes() {
        return (long) (totalOffHeap.toBytes() * writeBufferShare);
    }

    private static void requirePositive(DataSize size, String name) {
        requireNonNull(size, name);
        if (size.toBytes() <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + size);
        }
    }
}
