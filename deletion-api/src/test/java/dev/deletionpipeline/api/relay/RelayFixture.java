package dev.deletionpipeline.api.relay;

import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.events.IdentifiedEvent;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * One fresh database with the pipeline's schema, the shared Kafka broker, and relay settings of their own: a slot, an
 * offset topic and a topic prefix per database, so that test classes never see each other's events. Inserts outbox rows
 * with plain JDBC, as deletion-api's services do.
 */
final class RelayFixture {

    static final String SOURCE = "/deletion-api/relay";

    final TestDatabase database;
    final LocalKafka kafka;
    final RelaySettings settings;
    final String topicPrefix;

    private RelayFixture(TestDatabase database, LocalKafka kafka, RelaySettings settings, String topicPrefix) {
        this.database = database;
        this.kafka = kafka;
        this.settings = settings;
        this.topicPrefix = topicPrefix;
    }

    static RelayFixture create(String name) {
        return create(SharedInfrastructure.freshDatabase("relay_" + name));
    }

    /** On a database of the caller's own PostgreSQL, with the pipeline's schema applied. */
    static RelayFixture create(TestDatabase database) {
        LocalKafka kafka = SharedInfrastructure.kafka();
        String prefix = database.name() + ".";
        kafka.createTopic(prefix + Topics.BLOCKS_LIFECYCLE.name(), 3);
        kafka.createTopic(prefix + Topics.HARD_DELETE_CONFIRMED.name(), 3);
        RelaySettings settings = new RelaySettings(
                true,
                SOURCE,
                "slot_" + database.name(),
                "deletion_outbox",
                Duration.ofSeconds(1),
                Duration.ofMillis(50),
                Duration.ofMillis(500),
                new RelaySettings.Database(database.jdbcUrl(), database.user(), database.password()),
                new RelaySettings.Kafka(
                        kafka.bootstrapServers(), prefix + "relay-offsets", (short) 1, Duration.ofSeconds(1), Map.of()),
                new RelaySettings.Cleanup(true, Duration.ofHours(1), Duration.ofHours(1), 1000));
        return new RelayFixture(database, kafka, settings, prefix);
    }

    OutboxRelay relay(MeterRegistry registry) {
        return new OutboxRelay(settings, topicPrefix, metrics(registry));
    }

    RelayMetrics metrics(MeterRegistry registry) {
        return new RelayMetrics(registry, database.dataSource(), settings.slotName(), Clock.systemUTC());
    }

    <K, V> TopicReader<K, V> reader(Topic<K, V> topic) {
        return new TopicReader<>(kafka.bootstrapServers(), topic.withPrefix(topicPrefix));
    }

    static BlockSoftDeleted softDeleted() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new BlockSoftDeleted(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "primary",
                "google-" + UUID.randomUUID(),
                null,
                null,
                BlockKind.ORDINARY,
                now,
                now.plus(Duration.ofMinutes(5)),
                null);
    }

    static HardDeleteConfirmed hardDeleteConfirmed() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new HardDeleteConfirmed(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "primary",
                "google-1",
                HardDeleteOutcome.DELETED,
                1,
                0,
                now.minusSeconds(60),
                now.minusSeconds(2),
                now.minusSeconds(1),
                now);
    }

    /** Inserts the outbox row of a soft delete (topic and key as deletion-api writes them); created_at is now. */
    void insert(BlockSoftDeleted event) {
        insert(Topics.BLOCKS_LIFECYCLE.name(), event.blockId(), event, null);
    }

    void insert(HardDeleteConfirmed event) {
        insert(Topics.HARD_DELETE_CONFIRMED.name(), event.blockId(), event, null);
    }

    /** @param createdAt null for the column's default, now() */
    void insert(String aggregateType, UUID aggregateId, IdentifiedEvent event, Instant createdAt) {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into outbox"
                        + " (id, aggregatetype, aggregateid, type, payload, created_at)"
                        + " values (?, ?, ?, ?, ?::jsonb, coalesce(?, now()))")) {
            insert.setObject(1, event.eventId());
            insert.setString(2, aggregateType);
            insert.setString(3, aggregateId.toString());
            insert.setString(4, EventTypes.typeOf(event.getClass()));
            insert.setString(5, EventJson.mapper().writeValueAsString(event));
            insert.setTimestamp(6, createdAt == null ? null : Timestamp.from(createdAt));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean outboxRowExists(UUID id) {
        return queryLong("select count(*) from outbox where id = '" + id + "'") == 1;
    }

    void createSlot() {
        execute("select pg_create_logical_replication_slot('" + settings.slotName() + "', 'pgoutput')");
    }

    SlotRecovery slotRecovery(MeterRegistry registry) {
        return new SlotRecovery(settings, metrics(registry));
    }

    boolean slotExists() {
        return queryLong("select count(*) from pg_replication_slots where slot_name = '" + settings.slotName() + "'")
                == 1;
    }

    long queryLong(String sql) {
        try (Connection connection = database.dataSource().getConnection();
                ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    void execute(String sql) {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
