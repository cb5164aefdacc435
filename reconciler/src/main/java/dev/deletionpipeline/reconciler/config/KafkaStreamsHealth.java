package dev.deletionpipeline.reconciler.config;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * DOWN once Kafka Streams has stopped or failed for good: the reconciler's HTTP side would otherwise look healthy while
 * nothing is tracked and no orphan is raised. Not started yet is UNKNOWN, which does not pull the overall status down.
 */
@Component("kafkaStreams")
class KafkaStreamsHealth implements HealthIndicator {

    private final StreamsBuilderFactoryBean streams;

    KafkaStreamsHealth(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null) {
            return Health.unknown().build();
        }
        return of(kafkaStreams.state());
    }

    static Health of(KafkaStreams.State state) {
        Health.Builder health = switch (state) {
            case CREATED, REBALANCING, RUNNING -> Health.up();
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> Health.down();
        };
        return health.withDetail("state", state.name()).build();
    }
}
