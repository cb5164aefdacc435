package dev.deletionpipeline.api.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The relay as the Spring container runs it: started with the context, on its settings, stopped with it. */
class RelaySpringWiringIT {

    @Test
    void springStartsTheRelayWhichRelaysAndReportsItselfActive() {
        RelayFixture fixture = RelayFixture.create("spring");
        RelaySettings settings = fixture.settings;
        BlockSoftDeleted event = RelayFixture.softDeleted();
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(RelayConfiguration.class, OutboxCleanupConfiguration.class)
                .withBean(DataSource.class, fixture.database::dataSource)
                .withBean(MeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                // the relay's Kafka clients log in with the service's spring.kafka.* settings (plain here)
                .withBean(KafkaProperties.class, KafkaProperties::new)
                .withPropertyValues(
                        "deletion.relay.enabled=true",
                        "deletion.relay.source=" + settings.source(),
                        "deletion.topic-prefix=" + fixture.topicPrefix,
                        "deletion.relay.slot-name=" + settings.slotName(),
                        "deletion.relay.publication-name=" + settings.publicationName(),
                        "deletion.relay.heartbeat-interval=1s",
                        "deletion.relay.poll-interval=50ms",
                        "deletion.relay.leader-poll-interval=500ms",
                        "deletion.relay.database.url=" + settings.database().url(),
                        "deletion.relay.database.username="
                                + settings.database().username(),
                        "deletion.relay.database.password="
                                + settings.database().password(),
                        "deletion.relay.kafka.bootstrap-servers="
                                + settings.kafka().bootstrapServers(),
                        "deletion.relay.kafka.offset-topic=" + settings.kafka().offsetTopic(),
                        "deletion.relay.kafka.offset-topic-replication-factor=1",
                        "deletion.relay.kafka.offset-flush-interval=1s",
                        "deletion.relay.cleanup.retention=1h",
                        "deletion.relay.cleanup.interval=1h",
                        "deletion.relay.cleanup.batch-size=1000")
                .run(context -> {
                    OutboxRelay relay = context.getBean(OutboxRelay.class);
                    assertThat(context).hasSingleBean(OutboxCleanup.class);
                    await().atMost(Duration.ofSeconds(60)).until(relay::isActive);
                    try (TopicReader<String, LifecycleEvent> lifecycle = fixture.reader(Topics.BLOCKS_LIFECYCLE)) {
                        fixture.insert(event);
                        await().atMost(Duration.ofSeconds(30))
                                .until(() -> lifecycle
                                                .seenIds(Set.of(event.eventId()))
                                                .size()
                                        == 1);
                    }
                    assertThat(context.getBean(PrometheusMeterRegistry.class).scrape())
                            .contains("deletion_relay_active 1.0")
                            .contains("deletion_relay_events_total");
                });
    }
}
