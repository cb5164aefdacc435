package dev.deletionpipeline.reconciler.config;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One block cache and one write buffer manager for every RocksDB store of this Kafka Streams instance ("Kafka Streams
 * memory management", bounded RocksDB memory). Without it each store instance — one per store and partition — gets
 * Kafka Streams' own 50 MB block cache and up to 3 × 16 MB memtables. With it, block cache and memtables of all stores
 * together stay within {@link RocksDbMemorySettings#totalOffHeap()}: the memtables are counted against the cache.
 *
 * <p>It reaches {@link BoundedMemoryRocksDbConfig} (which Kafka Streams instantiates by class name, once per store)
 * through the streams config under {@link #CONFIG_KEY}. It lives as long as the Spring application; the stores only
 * hold references, so it is closed once, after Kafka Streams.
 */
public final class SharedRocksDbMemory implements AutoCloseable {

    /** The streams config key whose value is this instance. */
    public static final String CONFIG_KEY = "deletion.reconciler.rocksdb.shared-memory";

    // share of the cache reserved for index and filter blocks, so that data blocks cannot evict them
    private static final double INDEX_AND_FILTER_SHARE = 0.1;
    // -1 lets RocksDB pick the number of cache shards from the capacity
    private static final int AUTOMATIC_SHARD_BITS = -1;

    private final LRUCache blockCache;
    private final WriteBufferManager writeBufferManager;
    private final long maxWriteBufferSize;

    public SharedRocksDbMemory(RocksDbMemorySettings settings) {
        RocksDB.loadLibrary();
        blockCache =
                new LRUCache(settings.totalOffHeap().toBytes(), AUTOMATIC_SHARD_BITS, false, INDEX_AND_FILTER_SHARE);
        writeBufferManager = new WriteBufferManager(settings.writeBufferBytes(), blockCache);
        maxWriteBufferSize = settings.maxWriteBufferSize().toBytes();
    }

    /**
     * Points a store's options at the shared cache and write buffer manager. Kafka Streams' table config is changed in
     * place (not replaced), so that its RocksDB metrics still see the cache.
     */
    void applyTo(Options options) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(blockCache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBufferManager);
        options.setWriteBufferSize(maxWriteBufferSize);
    }

    Cache blockCache() {
        return blockCache;
    }

    WriteBufferManager writeBufferManager() {
        return writeBufferManager;
    }

    @Override
    public void close() {
        writeBufferManager.close();
        blockCache.close();
    }
}
