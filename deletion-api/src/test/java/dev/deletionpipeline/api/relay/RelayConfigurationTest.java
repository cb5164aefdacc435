package dev.deletionpipeline.api.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The switches: {@code deletion.relay.enabled=false} leaves no relay bean; the cleanup has its own switch. */
class RelayConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(RelayConfiguration.class, OutboxCleanupConfiguration.class)
            .withBean(DataSource.class, PGSimpleDataSource::new)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues(
                    "deletion.relay.slot-name=deletion_relay",
                    "deletion.relay.cleanup.retention=1h",
                    "deletion.relay.cleanup.interval=1h",
                    "deletion.relay.cleanup.batch-size=1000");

    @Test
    void relaySwitchedOffLeavesNoBeanThatTouchesDebezium() {
        runner.withPropertyValues("deletion.relay.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(OutboxRelay.class);
            assertThat(context).doesNotHaveBean(RelayMetrics.class);
            assertThat(context).hasSingleBean(OutboxCleanup.class);
        });
    }

    @Test
    void cleanupSwitchedOffToo() {
        runner.withPropertyValues("deletion.relay.enabled=false", "deletion.relay.cleanup.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(OutboxRelay.class);
                    assertThat(context).doesNotHaveBean(OutboxCleanup.class);
                });
    }
}
