package dev.deletionpipeline.reconciler.config;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * The {@code rocksdb.config.setter} of the reconciler: every store uses the {@link SharedRocksDbMemory} found in the
 * streams config, so that all stores of the instance stay within one off-heap budget.
 */
public class BoundedMemoryRocksDbConfig implements RocksDBConfigSetter {

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        if (!(configs.get(SharedRocksDbMemory.CONFIG_KEY) instanceof SharedRocksDbMemory memory)) {
            throw new ConfigException(
                    SharedRocksDbMemory.CONFIG_KEY,
                    configs.get(SharedRocksDbMemory.CONFIG_KEY),
                    "must be the instance's SharedRocksDbMemory (set by KafkaStreamsConfig)");
        }
        memory.applyTo(options);
    }

    @Override
    public void close(String storeName, Options options) {
        // nothing to close: the cache and write buffer manager are shared by all stores (SharedRocksDbMemory)
    }
}
