package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.reconciler.config.ReconcilerProperties;
import dev.deletionpipeline.reconciler.status.TrackingQueries;
import dev.deletionpipeline.reconciler.status.TrackingSettings;
import java.time.Clock;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** Wires the interactive queries to the running Kafka Streams application and to the other instances. */
@Configuration(proxyBeanMethods = false)
class QueryConfig {

    @Bean
    TrackingQueries trackingQueries(
            StreamsBuilderFactoryBean streams, TrackingSettings settings, ReconcilerProperties properties) {
        return new TrackingQueries(new KafkaStreamsStoreLookup(streams, self(properties)), settings);
    }

    @Bean
    QueryRouting queryRouting(StreamsBuilderFactoryBean streams, ReconcilerProperties properties) {
        return new KafkaStreamsRouting(streams, self(properties));
    }

    private static HostInfo self(ReconcilerProperties properties) {
        return HostInfo.buildFromEndpoint(properties.applicationServer());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
