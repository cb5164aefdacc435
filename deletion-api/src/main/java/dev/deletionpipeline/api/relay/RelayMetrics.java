package dev.deletionpipeline.api.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's meters, served on {@code /actuator/prometheus}: events relayed by topic and type, the time from the outbox
 * row's {@code created_at} to Kafka's acknowledgement, the replication slot's lag in bytes (read from
 * {@code pg_replication_slots} on each scrape), how much more WAL the slot may pin before PostgreSQL invalidates it,
 * slots found lost and recovered ({@link SlotRecovery}), and whether this instance is the active relay.
 */
final class RelayMetrics {

    static final String EVENTS = "deletion.relay.events";
    static final String COMMIT_TO_KAFKA = "deletion.relay.commit.to.kafka";
    static final String SLOT_LAG = "deletion.relay.slot.lag";
    static final String ACTIVE = "deletion.relay.active";
    static final String SLOT_LOST = "deletion.relay.slot.lost";
    static final String SLOT_SAFE_WAL = "deletion.relay.slot.safe.wal";

    private static final Logger LOG = LoggerFactory.getLogger(RelayMetrics.class);
    private static final String SLOT_LAG_SQL = "select pg_current_wal_lsn() - confirmed_flush_lsn"
            + " from pg_replication_slots where slot_name = ? and database = current_database()";
    private static final String SLOT_SAFE_WAL_SQL =
            "select safe_wal_size" + " from pg_replication_slots where slot_name = ? and database = current_database()";

    private final MeterRegistry registry;
    private final DataSource dataSource;
    private final String slotName;
    private final Clock clock;
    private final Timer commitToKafka;

    RelayMetrics(MeterRegistry registry, DataSource dataSource, String slotName, Clock clock) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.slotName = slotName;
        this.clock = clock;
        this.commitToKafka = Timer.builder(COMMIT_TO_KAFKA)
                .description("Time from the outbox row's created_at to Kafka's acknowledgement of its event")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder(SLOT_LAG, this, RelayMetrics::slotLagBytes)
                .description("WAL bytes the relay's replication slot has not confirmed yet")
                .baseUnit("bytes")
                .tag("slot", slotName)
                .strongReference(true)
                .register(registry);
        Gauge.builder(SLOT_SAFE_WAL, this, m -> m.slotQuery(SLOT_SAFE_WAL_SQL))
                .description("WAL bytes that can still be written before PostgreSQL invalidates the relay's slot"
                        + " (max_slot_wal_keep_size); NaN when unlimited")
                .baseUnit("bytes")
                .tag("slot", slotName)
                .strongReference(true)
                .register(registry);
    }

    /** Counts a lost slot that the relay recreated; {@code reason} as {@link SlotRecovery.Loss#tag}. */
    void slotLost(String reason) {
        Counter.builder(SLOT_LOST)
                .description("Replication slots found lost (or recreated behind the relay's back) and recovered")
                .tag("slot", slotName)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** Registers the gauge that reads 1 while this instance is the active relay, 0 otherwise. */
    void watchActivity(BooleanSupplier active) {
        Gauge.builder(ACTIVE, active, a -> a.getAsBoolean() ? 1 : 0)
                .description("1 while this instance holds the relay lock and its engine runs")
                .strongReference(true)
                .register(registry);
    }

    /** Called when Kafka acknowledged an event. */
    void relayed(OutboxEvent event) {
        Counter.builder(EVENTS)
                .description("Outbox events relayed to Kafka and acknowledged")
                .tag("topic", event.topic())
                .tag("type", event.type())
                .register(registry)
                .increment();
        commitToKafka.record(Duration.between(event.createdAt(), clock.instant()));
    }

    /** NaN while the slot does not exist or the database cannot be asked. */
    double slotLagBytes() {
        return slotQuery(SLOT_LAG_SQL);
    }

    private double slotQuery(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, slotName);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getObject(1) != null ? result.getDouble(1) : Double.NaN;
            }
        } catch (SQLException e) {
            LOG.debug("Could not read slot {}", slotName, e);
            return Double.NaN;
        }
    }
}
