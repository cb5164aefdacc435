package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * A sweep against a fresh database of the shared PostgreSQL and the shared Kafka broker, with a clock the test moves
 * and meters it can read. Each test builds the sweep with the settings it needs.
 */
final class SweepHarness implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TestDatabase database;
    final SweepDatabase data;
    private final OrphanReporter reporter;

    SweepHarness(String databasePrefix) {
        database = SharedInfrastructure.freshDatabase(databasePrefix);
        data = new SweepDatabase(database.dataSource(), clock);
        KafkaProducer<String, OrphanDetected> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                Topics.DELETION_ORPHANS.keySerde().serializer(),
                Topics.DELETION_ORPHANS.valueSerde().serializer());
        reporter = new OrphanReporter(producer, Topics.DELETION_ORPHANS.name(), meters, clock);
    }

    static String bootstrapServers() {
        return SharedInfrastructure.kafka().bootstrapServers();
    }

    /** A real (not dry) run's settings with a blast radius wide enough for the small seeded tables. */
    static SweepSettings realRun() {
        return SweepSettings.defaults().withDryRun(false).withMaxShare(0.5);
    }

    SafetyNetSweep sweep(SweepSettings settings) {
        return SweepConfiguration.sweep(database.dataSource(), reporter, settings, meters, clock);
    }

    double findings(OrphanType type, OrphanAction action) {
        Counter counter = meters.find("deletion.reconciler.sweep.findings")
                .tag("type", type.name())
                .tag("action", action.name())
                .counter();
        return counter == null ? 0 : counter.count();
    }

    double counter(String name) {
        Counter counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        reporter.close();
    }
}
