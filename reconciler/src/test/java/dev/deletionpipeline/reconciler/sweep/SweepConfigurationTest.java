package dev.deletionpipeline.reconciler.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The Spring wiring: the sweep and its schedule exist when enabled, and nothing of it when disabled. */
class SweepConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, SweepConfiguration.class)
            .withBean(DataSource.class, SimpleDriverDataSource::new)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(KafkaProperties.class, KafkaProperties::new)
            .withPropertyValues(
                    "deletion.reconciler.sweep.interval=5m",
                    "deletion.reconciler.sweep.initial-delay=1h",
                    "deletion.reconciler.sweep.deadline=1h",
                    "deletion.reconciler.sweep.max-rows=10",
                    "deletion.reconciler.sweep.max-share=0.05",
                    "deletion.topic-prefix=");

    @Test
    void enabledSweepIsScheduled() {
        context.withPropertyValues("deletion.reconciler.sweep.enabled=true").run(app -> {
            assertThat(app).hasSingleBean(SafetyNetSweep.class);
            assertThat(app).hasSingleBean(SweepSchedule.class);
        });
    }

    @Test
    void disabledSweepLeavesNoBeans() {
        context.withPropertyValues("deletion.reconciler.sweep.enabled=false").run(app -> {
            assertThat(app).doesNotHaveBean(SafetyNetSweep.class);
            assertThat(app).doesNotHaveBean(SweepSchedule.class);
            assertThat(app).doesNotHaveBean(OrphanReporter.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SweepSettings.class)
    static class Settings {}
}
