package dev.deletionpipeline.worker;

import static dev.deletionpipeline.common.sql.SqlTime.param;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * What deletion-api would have done before the worker sees anything — owners, soft-deleted blocks, their
 * {@code BlockSoftDeleted} on the lifecycle topic — and what the worker's tests read back: blocks, receipts and
 * confirmations in the outbox.
 */
public final class Pipeline implements AutoCloseable {

    /** A soft-deleted block as the database holds it. */
    public record Block(
            UUID id,
            UUID ownerId,
            UUID deletionId,
            String calendarId,
            String googleEventId,
            Instant deletedAt,
            Instant purgeAfter) {}

    private final HikariDataSource connections;
    private final JdbcTemplate jdbc;
    private final String lifecycleTopic;
    private final KafkaProducer<String, byte[]> producer;

    public Pipeline(TestDatabase database, String topicPrefix) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(0);
        // pooled: the database's own DataSource opens a connection (a server process) for every statement
        this.connections = new HikariDataSource(pool);
        this.jdbc = new JdbcTemplate(connections);
        this.lifecycleTopic = Topics.BLOCKS_LIFECYCLE.withPrefix(topicPrefix).name();
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedInfrastructure.kafka().bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public UUID newOwner() {
        UUID owner = UUID.randomUUID();
        jdbc.update("insert into owners (id, handle) values (?, ?)", owner, "owner-" + owner);
        return owner;
    }

    public Block softDeleted(UUID owner, String calendarId, String googleEventId, Instant purgeAfter) {
        return softDeleted(owner, calendarId, googleEventId, null, null, purgeAfter);
    }

    /**
     * @param originalId nullable: the parent, for a child block
     * @param recurringEventId nullable: the series this block is an instance of
     */
    public Block softDeleted(
            UUID owner,
            String calendarId,
            String googleEventId,
            UUID originalId,
            String recurringEventId,
            Instant purgeAfter) {
        Instant deletedAt = Instant.now();
        UUID deletion = UUID.randomUUID();
        UUID block = UUID.randomUUID();
        jdbc.update(
                "insert into deletions (id, owner_id, scope, target, requested_by, requested_at, purge_after,"
                        + " block_count, due_by) values (?, ?, 'BLOCK', ?, 'test', ?, ?, 1, ?)",
                deletion,
                owner,
                block.toString(),
                param(deletedAt),
                param(purgeAfter),
                param(deletedAt.plus(Duration.ofDays(30))));
        String googleData = recurringEventId == null
                ? (googleEventId == null ? null : "{\"id\":\"" + googleEventId + "\"}")
                : "{\"id\":\"" + googleEventId + "\",\"recurringEventId\":\"" + recurringEventId + "\"}";
        jdbc.update(
                "insert into blocks (id, owner_id, calendar_id, title, google_event_id, google_event_data,"
                        + " original_id, deleted_at, deletion_id, purge_after, deletion_state)"
                        + " values (?, ?, ?, 'a block', ?, cast(? as jsonb), ?, ?, ?, ?, 'SOFT_DELETED')",
                block,
                owner,
                calendarId,
                googleEventId,
                googleData,
                originalId,
                param(deletedAt),
                deletion,
                param(purgeAfter));
        return new Block(block, owner, deletion, calendarId, googleEventId, deletedAt, purgeAfter);
    }

    public BlockSoftDeleted eventOf(Block block) {
        return new BlockSoftDeleted(
                UUID.randomUUID(),
                block.deletionId(),
                block.id(),
                block.ownerId(),
                block.calendarId(),
                block.googleEventId(),
                null,
                null,
                BlockKind.ORDINARY,
                block.deletedAt(),
                block.purgeAfter(),
                null);
    }

    /** Publishes the block's {@code BlockSoftDeleted} as the outbox relay would, and returns it. */
    public BlockSoftDeleted publishSoftDeleted(Block block) {
        BlockSoftDeleted event = eventOf(block);
        publish(event);
        return event;
    }

    /** Publishes many blocks' {@code BlockSoftDeleted} without waiting for each one, then for all of them. */
    public void publishSoftDeleted(List<Block> blocks) {
        List<Future<RecordMetadata>> sent = blocks.stream()
                .map(block -> producer.send(recordOf(eventOf(block), null)))
                .toList();
        producer.flush();
        try {
            for (Future<RecordMetadata> one : sent) {
                one.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + lifecycleTopic, e);
        }
    }

    public void publish(Object lifecycleEvent) {
        publish(lifecycleEvent, null);
    }

    /** @param partition nullable: the partition to write to; null lets the key decide */
    public void publish(Object lifecycleEvent, Integer partition) {
        ProducerRecord<String, byte[]> record = recordOf(lifecycleEvent, partition);
        publishRaw(partition, record.key(), record.value(), record.headers());
    }

    private ProducerRecord<String, byte[]> recordOf(Object lifecycleEvent, Integer partition) {
        Headers headers = new RecordHeaders();
        ContractCloudEvents.writeTo(headers, ContractCloudEvents.of(lifecycleEvent, "/deletion-api", Instant.now()));
        UUID blockId = ((LifecycleEvent) lifecycleEvent).blockId();
        return new ProducerRecord<>(
                lifecycleTopic,
                partition,
                blockId.toString(),
                EventJson.mapper().writeValueAsBytes(lifecycleEvent),
                headers);
    }

    public void publishRaw(String key, byte[] value, Headers headers) {
        publishRaw(null, key, value, headers);
    }

    /** @param partition nullable: the partition to write to; null lets the key decide */
    public void publishRaw(Integer partition, String key, byte[] value, Headers headers) {
        try {
            producer.send(new ProducerRecord<>(lifecycleTopic, partition, key, value, headers))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + lifecycleTopic, e);
        }
    }

    public boolean exists(UUID blockId) {
        return count("select count(*) from blocks where id = ?", blockId) == 1;
    }

    public String deletionState(UUID blockId) {
        List<String> states =
                jdbc.queryForList("select deletion_state from blocks where id = ?", String.class, blockId);
        return states.isEmpty() ? null : states.get(0);
    }

    public String failureReason(UUID blockId) {
        return jdbc.queryForObject("select failure_reason from blocks where id = ?", String.class, blockId);
    }

    /** The confirmations written to the outbox for this block (ideally exactly one). */
    public List<HardDeleteConfirmed> confirmations(UUID blockId) {
        return jdbc.query(
                "select payload::text from outbox where aggregateid = ? and aggregatetype = ?",
                (row, n) -> EventJson.mapper().readValue(row.getString(1), HardDeleteConfirmed.class),
                blockId.toString(),
                Topics.HARD_DELETE_CONFIRMED.name());
    }

    public int receipts(UUID blockId) {
        return count("select count(*) from deletion_receipts where block_id = ?", blockId);
    }

    /**
     * Writes {@code sql} in a transaction kept open while {@code whileOpen} runs, then commits it. Other sessions see
     * such a write as they see a commit that logical decoding has already handed on but PostgreSQL does not yet show:
     * not at all, and a lock on its rows waits for it.
     */
    public void uncommittedWhile(String sql, Object[] args, Runnable whileOpen) {
        try (Connection connection = connections.getConnection()) {
            connection.setAutoCommit(false);
            new JdbcTemplate(new SingleConnectionDataSource(connection, true)).update(sql, args);
            whileOpen.run();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write in an open transaction: " + sql, e);
        }
    }

    /** Whether a session of this database waits for a lock in a statement whose text contains {@code sqlFragment}. */
    public boolean waitsForLock(String sqlFragment) {
        Integer waiting = jdbc.queryForObject(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                        + " and datname = current_database() and position(? in query) > 0",
                Integer.class,
                sqlFragment);
        return waiting != null && waiting > 0;
    }

    public int tasks(UUID blockId) {
        return count("select count(*) from deletion_tasks where block_id = ?", blockId);
    }

    private int count(String sql, UUID id) {
        Integer count = jdbc.queryForObject(sql, Integer.class, id);
        return count == null ? 0 : count;
    }

    @Override
    public void close() {
        producer.close();
        connections.close();
    }
}
