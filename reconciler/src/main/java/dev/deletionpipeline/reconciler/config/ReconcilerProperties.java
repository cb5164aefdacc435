package dev.deletionpipeline.reconciler.config;

import dev.deletionpipeline.reconciler.status.InternalFormat;
import dev.deletionpipeline.reconciler.status.TrackingSettings;
import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The reconciler's settings, {@code deletion.reconciler.*} in {@code application.yml} (where each has its default and
 * a one-line comment).
 *
 * @param applicationId the Kafka Streams application id: consumer group, prefix of internal topics and state
 * @param applicationServer host:port of this instance's HTTP server as the other instances reach it (Kafka Streams
 *     {@code application.server}), so that interactive queries are forwarded to the instance that holds a key
 * @param stateDir where the RocksDB state stores live; a persistent volume in production
 * @param streamThreads Kafka Streams threads of this instance
 * @param commitInterval how often Kafka Streams commits, i.e. ends an exactly-once transaction: statuses become
 *     visible to read-committed consumers only then; longer means fewer transactions and more writes coalesced
 * @param stateCacheSize memory of the state store caches (all threads), which coalesce writes to the same key
 *     between commits before RocksDB and the changelog topics see them (Java heap)
 * @param rocksdb the off-heap budget shared by all RocksDB state stores (block cache and memtables)
 * @param replicationFactor replication of the internal changelog and repartition topics; -1 = the broker's default
 * @param deadline how long after {@code purgeAfter} a deletion may stay unconfirmed before it is an orphan
 * @param punctuationInterval how often (wall clock) deadlines are checked
 * @param summaryInterval how often (wall clock) an ops summary is published
 * @param summaryName the key of the published ops summary
 * @param latencyWindow how far back the latency percentiles of the ops summary look
 * @param maxLatencySamples the most latency samples kept for the percentiles
 * @param maxRedrives how often a deletion that missed its deadline is re-driven before it is declared orphaned
 * @param seenEventIdsPerBlock how many recent event ids per block are remembered to drop duplicates
 * @param finishedRetention how long a CONFIRMED or RESTORED deletion is remembered before it is forgotten
 * @param deadlineAtRiskBefore how long before its {@code dueBy} an unfinished deletion request counts as at risk
 * @param internalFormat how the values only the reconciler reads are written: the deletion-tracking store and the
 *     repartition topics (both formats are read)
 */
@Validated
@ConfigurationProperties("deletion.reconciler")
public record ReconcilerProperties(
        @NotBlank String applicationId,
        @NotBlank String applicationServer,
        @NotNull Path stateDir,
        @Positive int streamThreads,
        @PositiveDuration Duration commitInterval,
        @NotNull DataSize stateCacheSize,
        @NotNull @Valid RocksDbMemorySettings rocksdb,
        @Min(-1) int replicationFactor,
        @PositiveDuration Duration deadline,
        @PositiveDuration Duration punctuationInterval,
        @PositiveDuration Duration summaryInterval,
        @NotBlank String summaryName,
        @PositiveDuration Duration latencyWindow,
        @Positive int maxLatencySamples,
        @PositiveOrZero int maxRedrives,
        @Positive int seenEventIdsPerBlock,
        @PositiveDuration Duration finishedRetention,
        @PositiveDuration Duration deadlineAtRiskBefore,
        @NotNull InternalFormat internalFormat) {

    public TrackingSettings trackingSettings() {
        return new TrackingSettings(
                deadline,
                punctuationInterval,
                summaryInterval,
                summaryName,
                latencyWindow,
                maxLatencySamples,
                maxRedrives,
                seenEventIdsPerBlock,
                finishedRetention,
                deadlineAtRiskBefore);
    }
}
