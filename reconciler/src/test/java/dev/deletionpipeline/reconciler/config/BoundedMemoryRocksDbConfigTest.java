package dev.deletionpipeline.reconciler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.springframework.util.unit.DataSize;

class BoundedMemoryRocksDbConfigTest {

    private static final long MB = 1024 * 1024;

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final BoundedMemoryRocksDbConfig setter = new BoundedMemoryRocksDbConfig();

    @TempDir
    Path stateDir;

    @AfterEach
    void closeAll() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    @Test
    void everyStoreGetsTheOneSharedCacheAndWriteBufferManager() {
        SharedRocksDbMemory memory = sharedMemory(RocksDbMemorySettings.defaults());
        Options deletions = kafkaStreamsOptions();
        Options deadlines = kafkaStreamsOptions();

        setter.setConfig("deletion-tracking", deletions, configsWith(memory));
        setter.setConfig("deletion-deadlines", deadlines, configsWith(memory));

        assertThat(blockCache(deletions)).isSameAs(memory.blockCache()).isSameAs(blockCache(deadlines));
        assertThat(deletions.writeBufferManager())
                .isSameAs(memory.writeBufferManager())
                .isSameAs(deadlines.writeBufferManager());
        BlockBasedTableConfig table = (BlockBasedTableConfig) deletions.tableFormatConfig();
        assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
        assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
    }

    @Test
    void theMemtableSizeComesFromTheSettings() {
        SharedRocksDbMemory memory =
                sharedMemory(new RocksDbMemorySettings(DataSize.ofMegabytes(64), 0.25, DataSize.ofMegabytes(2)));
        Options options = kafkaStreamsOptions();

        setter.setConfig("deletion-tracking", options, configsWith(memory));

        assertThat(options.writeBufferSize()).isEqualTo(2 * MB);
    }

    @Test
    void closingAStoreLeavesTheSharedMemoryOpen() {
        SharedRocksDbMemory memory = sharedMemory(RocksDbMemorySettings.defaults());
        Options options = kafkaStreamsOptions();
        setter.setConfig("deletion-tracking", options, configsWith(memory));

        setter.close("deletion-tracking", options);

        assertThat(memory.blockCache().isOwningHandle()).isTrue();
        assertThat(memory.writeBufferManager().isOwningHandle()).isTrue();
    }

    @Test
    void withoutTheSharedMemoryInTheConfigsTheStoreDoesNotOpen() {
        assertThatThrownBy(() -> setter.setConfig("deletion-tracking", kafkaStreamsOptions(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SharedRocksDbMemory.CONFIG_KEY);
    }

    @Test
    void memtablesAndBlocksOfAllStoresStayWithinTheTotalBudget() throws RocksDBException {
        RocksDbMemorySettings settings =
                new RocksDbMemorySettings(DataSize.ofMegabytes(8), 0.5, DataSize.ofMegabytes(1));
        SharedRocksDbMemory memory = sharedMemory(settings);
        List<RocksDB> stores = List.of(open("a", memory), open("b", memory));

        write(stores.get(0), 0, 1);
        assertThat(memory.blockCache().getUsage())
                .as("the first memtable is counted against the shared cache")
                .isGreaterThan(0);

        for (int i = 0; i < 16; i++) {
            write(stores.get(i % 2), i, 2); // 32 MB in all, 4x the budget
        }
        readAll(stores);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(memory.blockCache().getUsage()).isLessThanOrEqualTo(8 * MB);
            assertThat(memTables(stores)).isLessThanOrEqualTo(4 * MB);
        });
    }

    private SharedRocksDbMemory sharedMemory(RocksDbMemorySettings settings) {
        return remember(new SharedRocksDbMemory(settings));
    }

    private static Map<String, Object> configsWith(SharedRocksDbMemory memory) {
        return Map.of(SharedRocksDbMemory.CONFIG_KEY, memory);
    }

    /** Options as Kafka Streams' RocksDBStore hands them to the setter: its own 50 MB cache, 16 MB memtables. */
    private Options kafkaStreamsOptions() {
        BlockBasedTableConfigWithAccessibleCache table = new BlockBasedTableConfigWithAccessibleCache();
        table.setBlockCache(remember(new LRUCache(50 * MB)));
        return remember(new Options())
                .setCreateIfMissing(true)
                .setTableFormatConfig(table)
                .setWriteBufferSize(16 * MB)
                .setMaxWriteBufferNumber(3);
    }

    private static Cache blockCache(Options options) {
        return ((BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig()).blockCache();
    }

    private RocksDB open(String name, SharedRocksDbMemory memory) throws RocksDBException {
        Options options = kafkaStreamsOptions();
        setter.setConfig(name, options, configsWith(memory));
        return remember(RocksDB.open(options, stateDir.resolve(name).toString()));
    }

    /** Writes {@code megabytes} MB of 1 KB values under keys of batch {@code batch}. */
    private static void write(RocksDB store, int batch, int megabytes) throws RocksDBException {
        byte[] value = new byte[1024];
        for (int i = 0; i < megabytes * 1024; i++) {
            Arrays.fill(value, (byte) i);
            store.put(("block-" + batch + "-" + i).getBytes(StandardCharsets.UTF_8), value);
        }
    }

    private static void readAll(List<RocksDB> stores) {
        for (RocksDB store : stores) {
            try (RocksIterator iterator = store.newIterator()) {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    iterator.value();
                }
            }
        }
    }

    private static long memTables(List<RocksDB> stores) throws RocksDBException {
        long total = 0;
        for (RocksDB store : stores) {
            total += store.getLongProperty("rocksdb.size-all-mem-tables");
        }
        return total;
    }

    private <T extends AutoCloseable> T remember(T closeable) {
        toClose.push(closeable);
        return closeable;
    }
}
