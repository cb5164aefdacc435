package dev.deletionpipeline.reconciler.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Memory of this JVM (reconciler and in-process broker) at the end of a run: resident set from {@code /proc}, the Java
 * heap and non-heap, and what RocksDB itself reports. The JVM's numbers include the broker and a 1 GB heap limit, so
 * the RocksDB gauges are the direct measure of the stores' off-heap memory.
 */
final class MemoryMeter {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final long MB = 1024 * 1024;

    private MemoryMeter() {}

    static Map<String, Object> measure(KafkaStreams streams) {
        Map<String, Object> memory = new LinkedHashMap<>();
        Map<String, Long> status = procStatusKb(List.of("VmRSS", "VmHWM", "RssAnon", "RssFile"));
        status.forEach((name, kb) -> memory.put(name + "Mb", kb / 1024));
        memory.put("heapUsedMb", MEMORY.getHeapMemoryUsage().getUsed() / MB);
        memory.put("heapCommittedMb", MEMORY.getHeapMemoryUsage().getCommitted() / MB);
        memory.put("nonHeapCommittedMb", MEMORY.getNonHeapMemoryUsage().getCommitted() / MB);
        long memTables = 0;
        long blockCacheSum = 0;
        long blockCacheMax = 0;
        int stores = 0;
        for (Metric metric : streams.metrics().values()) {
            if (!"stream-state-metrics".equals(metric.metricName().group())
                    || !(metric.metricValue() instanceof Number value)) {
                continue;
            }
            switch (metric.metricName().name()) {
                case "size-all-mem-tables" -> {
                    memTables += value.longValue();
                    stores++;
                }
                case "block-cache-usage" -> {
                    blockCacheSum += value.longValue();
                    blockCacheMax = Math.max(blockCacheMax, value.longValue());
                }
                default -> {}
            }
        }
        memory.put("rocksDbStores", stores);
        memory.put("rocksDbMemTablesMb", memTables / (double) MB);
        // a shared cache is reported by every store: then the largest value is the cache, otherwise the sum
        memory.put("rocksDbBlockCacheUsageSumMb", blockCacheSum / (double) MB);
        memory.put("rocksDbBlockCacheUsageMaxMb", blockCacheMax / (double) MB);
        return memory;
    }

    private static Map<String, Long> procStatusKb(List<String> names) {
        Map<String, Long> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                String name = line.substring(0, Math.max(0, line.indexOf(':')));
                if (names.contains(name)) {
                    values.put(name, Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            values.clear(); // not Linux: only the JVM's own numbers
        }
        return values;
    }
}
