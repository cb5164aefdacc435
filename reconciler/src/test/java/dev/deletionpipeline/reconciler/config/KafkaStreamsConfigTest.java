package dev.deletionpipeline.reconciler.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.reconciler.status.TrackingSettings;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** The Spring wiring with the real {@code application.yml}, Kafka Streams not started: no broker needed. */
class KafkaStreamsConfigTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReconcilerProperties.class)
    static class ReconcilerPropertiesEnabled {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
            .withUserConfiguration(ReconcilerPropertiesEnabled.class, KafkaStreamsConfig.class)
            .withPropertyValues("spring.kafka.streams.auto-startup=false");

    @Test
    void streamsRunExactlyOnceWithTheReconcilerSettings() {
        context.withPropertyValues("deletion.reconciler.state-dir=target/config-test-state")
                .run(ctx -> {
                    Properties streams =
                            ctx.getBean(KafkaStreamsConfiguration.class).asProperties();
                    assertThat(streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                            .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
                    assertThat(streams.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("deletion-reconciler");
                    assertThat(streams.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                            .isEqualTo(1000L);
                    assertThat(streams.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG))
                            .isEqualTo(10L * 1024 * 1024);
                    assertThat(streams.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
                            .isEqualTo(BoundedMemoryRocksDbConfig.class);
                    assertThat(streams.get(SharedRocksDbMemory.CONFIG_KEY))
                            .as("the one shared cache, handed to every store's config setter")
                            .isSameAs(ctx.getBean(SharedRocksDbMemory.class));
                    assertThat(streams.get(StreamsConfig.APPLICATION_SERVER_CONFIG))
                            .as("this instance's HTTP server, for forwarded interactive queries")
                            .isEqualTo("localhost:8083");
                    assertThat(streams.get(StreamsConfig.STATE_DIR_CONFIG))
                            .isEqualTo(Path.of("target/config-test-state")
                                    .toAbsolutePath()
                                    .toString());
                    assertThat(streams.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG))
                            .asString()
                            .contains("localhost:9092");
                });
    }

    @Test
    void applicationYmlDefaultsAreTheTrackingDefaults() {
        context.run(ctx -> assertThat(ctx.getBean(TrackingSettings.class)).isEqualTo(TrackingSettings.defaults()));
    }

    @Test
    void applicationYmlDefaultsAreTheRocksDbMemoryDefaults() {
        context.run(ctx -> assertThat(ctx.getBean(ReconcilerProperties.class).rocksdb())
                .isEqualTo(RocksDbMemorySettings.defaults()));
    }

    @Test
    void streamsBuilderCarriesTheDeletionTrackingTopology() {
        context.run(ctx -> {
            StreamsBuilderFactoryBean factory = ctx.getBean(StreamsBuilderFactoryBean.class);
            assertThat(factory.isRunning()).isFalse();
            String topology =
                    ctx.getBean(StreamsBuilder.class).build().describe().toString();
            assertThat(topology).contains("track-deletions", "summarize", "blocks.lifecycle.v1", "deletion.status.v1");
        });
    }
}
