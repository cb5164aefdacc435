package dev.deletionpipeline.reconciler.config;

import dev.deletionpipeline.reconciler.status.DeletionTrackingTopology;
import dev.deletionpipeline.reconciler.status.TrackingSettings;
import dev.deletionpipeline.settings.DeploymentTopics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Runs the {@link DeletionTrackingTopology} in Spring Kafka's {@code StreamsBuilderFactoryBean}, which starts and stops
 * {@code KafkaStreams} with the application. Processing is exactly-once ({@code exactly_once_v2}): a state change, its
 * status and orphan records and the consumed offsets commit together, so a restart neither loses nor repeats them.
 * All RocksDB stores share one off-heap budget ({@link SharedRocksDbMemory}). A failed stream thread is replaced
 * ({@link StreamThreadFailures}); {@link KafkaStreamsHealth} says when tracking has stopped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeploymentTopics.class)
@EnableKafkaStreams
class KafkaStreamsConfig {

    @Bean
    TrackingSettings trackingSettings(ReconcilerProperties properties) {
        return properties.trackingSettings();
    }

    /** Closed after Kafka Streams has stopped: the streams configuration, and so Kafka Streams, depend on it. */
    @Bean(destroyMethod = "close")
    SharedRocksDbMemory sharedRocksDbMemory(ReconcilerProperties properties) {
        return new SharedRocksDbMemory(properties.rocksdb());
    }

    /** Replaces Spring Boot's {@code spring.kafka.streams.*} configuration with {@code deletion.reconciler.*}. */
    @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
    KafkaStreamsConfiguration defaultKafkaStreamsConfig(
            KafkaProperties kafka,
            KafkaConnectionDetails connection,
            ReconcilerProperties properties,
            SharedRocksDbMemory rocksDbMemory) {
        Map<String, Object> config = new HashMap<>(kafka.buildStreamsProperties());
        config.put(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getStreams().getBootstrapServers());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, properties.applicationServer());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(
                StreamsConfig.STATE_DIR_CONFIG,
                properties.stateDir().toAbsolutePath().toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.streamThreads());
        config.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                properties.commitInterval().toMillis());
        config.put(
                StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
                properties.stateCacheSize().toBytes());
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        // an object, not a string: Kafka Streams hands its configs, custom keys included, to every config setter
        config.put(SharedRocksDbMemory.CONFIG_KEY, rocksDbMemory);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, properties.replicationFactor());
        return new KafkaStreamsConfiguration(config);
    }

    @Bean
    StreamsBuilderFactoryBeanConfigurer deletionTrackingTopology(
            TrackingSettings settings,
            ReconcilerProperties properties,
            DeploymentTopics topics,
            ObjectProvider<Clock> clock) {
        return factoryBean -> {
            factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureBuilder(StreamsBuilder builder) {
                    DeletionTrackingTopology.build(
                            builder, settings, topics.topicPrefix(), properties.internalFormat());
                }
            });
            factoryBean.setStreamsUncaughtExceptionHandler(
                    new StreamThreadFailures(clock.getIfAvailable(Clock::systemUTC)));
        };
    }
}
