package dev.deletionpipeline.reconciler.config;

import dev.deletionpipeline.reconciler.status.TrackingSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The reconciler's settings, {@code deletion.reconciler.*} in {@code application.yml} (where each has its default and
 * a one-line comment).
 *
 * @param applicationId the Kafka Streams application id: consumer group, prefix of internal topics and state
 * @param stateDir where the RocksDB state stores live; a persistent volume in production
 * @param streamThreads Kafka Streams threads of this instance
 * @param replicationFactor replication of the internal changelog and repartition topics; -1 = the broker's default
 * @param topicPrefix prefix of every contract topic name (empty for none)
 * @param deadline how long after {@code purgeAfter} a deletion may stay unconfirmed before it is an orphan
 * @param punctuationInterval how often (wall clock) deadlines are checked
 * @param summaryInterval how often (wall clock) an ops summary is published
 * @param summaryName the key of the published ops summary
 * @param latencyWindow how far back the latency percentiles of the ops summary look
 * @param maxLatencySamples the most latency samples kept for the percentiles
 * @param maxRedrives how often a deletion that missed its deadline is re-driven before it is declared orphaned
 * @param seenEventIdsPerBlock how many recent event ids per block are remembered to drop duplicates
 */
@ConfigurationProperties("deletion.reconciler")
public record ReconcilerProperties(
        String applicationId,
        Path stateDir,
        int streamThreads,
        int replicationFactor,
        String topicPrefix,
        Duration deadline,
        Duration punctuationInterval,
        Duration summaryInterval,
        String summaryName,
        Duration latencyWindow,
        int maxLatencySamples,
        int maxRedrives,
        int seenEventIdsPerBlock) {

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
                topicPrefix);
    }
}
