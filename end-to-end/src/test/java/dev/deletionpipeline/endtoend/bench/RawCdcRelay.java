package dev.deletionpipeline.endtoend.bench;

import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.api.relay.offsets.RelayOffsetStore;
import dev.deletionpipeline.common.topics.Topics;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The baseline of the relay: a plain embedded Debezium engine (PostgreSQL connector, pgoutput, the outbox EventRouter,
 * {@code poll.interval.ms=100}, one processing thread, offsets in Kafka: deletion-api's relay settings) relaying
 * outbox rows to Kafka with the relay's producer settings, and nothing else. Its own table ({@code bench_outbox}, the
 * outbox's shape), publication, slot and topic keep the stack's relay and pipeline out of it. The rows are inserted
 * before the engine starts (after the slot exists), in as many transactions as the bulk run has owners; the rate runs
 * from the first record the engine hands over to the last one Kafka acknowledged.
 */
final class RawCdcRelay {

    /** What the baseline relayed and how fast. */
    record Result(int rows, double seconds, double startupSeconds) {

        double perSecond() {
            return Percentiles.round(rows / seconds);
        }
    }

    static final String TOPIC = "bench.raw-cdc.v1";
    /** The CPU phase of one relay crossing: the engine (in the benchmark's JVM), the walsender and the broker. */
    static final String CPU_PHASE = "raw_cdc_relay";

    private static final String SLOT = "bench_raw_cdc";
    private static final String PUBLICATION = "bench_raw_cdc";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final DataSource dataSource;
    private final String jdbcUrl;
    private final String kafkaBootstrap;

    RawCdcRelay(DataSource dataSource, String jdbcUrl, String kafkaBootstrap) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.kafkaBootstrap = kafkaBootstrap;
    }

    /**
     * Relays {@code rows} inserted in {@code transactions}; the CPU from the engine's start to the last acknowledgement
     * (the inserts left out) goes into {@code cpu} as the phase {@link #CPU_PHASE}, per relayed row.
     */
    Result run(int rows, int transactions, CpuPerPhase cpu) throws Exception {
        prepare(rows, transactions);
        RawCdcForwarder forwarder = new RawCdcForwarder(kafkaBootstrap);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        CpuPerPhase.Reading cpuBefore = cpu.read();
        long start = System.nanoTime();
        try (DebeziumEngine<RecordChangeEvent<SourceRecord>> engine = DebeziumEngine.create(
                        ChangeEventFormat.of(Connect.class))
                .using(properties())
                .notifying(forwarder)
                .build()) {
            runner.submit(engine);
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> forwarder.acknowledged() >= rows);
            cpu.end(CPU_PHASE, cpuBefore, rows);
        } finally {
            runner.shutdown();
            forwarder.close();
            dropSlot();
        }
        return new Result(
                rows,
                (forwarder.lastAcknowledgedNanos() - forwarder.firstReceivedNanos()) / 1e9,
                (forwarder.firstReceivedNanos() - start) / 1e9);
    }

    private void prepare(int rows, int transactions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap))) {
            // the local broker creates no topic on first use; as many partitions as blocks.lifecycle.v1 has
            int partitions = admin.describeTopics(List.of(Topics.BLOCKS_LIFECYCLE.name()))
                    .allTopicNames()
                    .get()
                    .get(Topics.BLOCKS_LIFECYCLE.name())
                    .partitions()
                    .size();
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1)))
                    .all()
                    .get();
        }
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS bench_outbox (LIKE outbox INCLUDING ALL)");
            sql.execute("DROP PUBLICATION IF EXISTS " + PUBLICATION);
            sql.execute("CREATE PUBLICATION " + PUBLICATION + " FOR TABLE bench_outbox");
            sql.execute("SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput')");
            for (int t = 0; t < transactions; t++) {
                sql.execute(insert(rows / transactions + (t < rows % transactions ? 1 : 0)));
            }
        }
    }

    /** Rows shaped and sized like {@code BlockSoftDeleted} outbox rows. */
    private static String insert(int rows) {
        return """
                INSERT INTO bench_outbox (id, aggregatetype, aggregateid, type, payload)
                SELECT e.id, '%s', e.block::text, 'dev.deletionpipeline.block.soft-deleted.v1',
                       jsonb_build_object('eventId', e.id, 'deletionId', e.deletion, 'blockId', e.block,
                           'ownerId', e.deletion, 'calendarId', 'bench-raw-cdc',
                           'googleEventId', 'bench' || replace(e.block::text, '-', ''), 'kind', 'ORDINARY',
                           'deletedAt', '2027-01-04T09:00:00.000000Z', 'purgeAfter', '2027-01-04T09:00:00.000000Z')
                  FROM (SELECT gen_random_uuid() AS id, gen_random_uuid() AS block, gen_random_uuid() AS deletion
                          FROM generate_series(1, %d)) e
                """.formatted(TOPIC, rows);
    }

    private void dropSlot() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                sql.execute("SELECT pg_drop_replication_slot('" + SLOT + "')");
                return true;
            });
            sql.execute("DROP PUBLICATION IF EXISTS " + PUBLICATION);
            sql.execute("DROP TABLE IF EXISTS bench_outbox");
        }
    }

    private Properties properties() {
        URI database = URI.create(jdbcUrl.substring("jdbc:".length()));
        Properties p = new Properties();
        p.setProperty("name", "bench-raw-cdc");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("topic.prefix", "bench");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("publication.name", PUBLICATION);
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("slot.name", SLOT);
        p.setProperty("slot.drop.on.stop", "false");
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("table.include.list", "public.bench_outbox");
        p.setProperty("skipped.operations", "u,d,t");
        p.setProperty("heartbeat.interval.ms", "10000");
        p.setProperty("statistics.metrics.enabled", "false");
        p.setProperty("database.hostname", database.getHost());
        p.setProperty("database.port", Integer.toString(database.getPort()));
        p.setProperty("database.dbname", database.getPath().substring(1));
        p.setProperty("database.user", "deletion");
        p.setProperty("database.password", "deletion");
        // the relay's offset store: Debezium's stock one leaves its admin client running after the engine closed
        p.setProperty("offset.storage", RelayOffsetStore.class.getName());
        p.setProperty("bootstrap.servers", kafkaBootstrap);
        p.setProperty("offset.storage.topic", "bench.raw-cdc.offsets");
        p.setProperty("offset.storage.partitions", "1");
        p.setProperty("offset.storage.replication.factor", "1");
        p.setProperty("offset.flush.interval.ms", "5000");
        p.setProperty("poll.interval.ms", "100");
        p.setProperty("record.processing.threads", "1");
        p.setProperty("transforms", "outbox");
        p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        p.setProperty("transforms.outbox.route.by.field", "aggregatetype");
        p.setProperty("transforms.outbox.route.topic.replacement", "${routedByValue}");
        p.setProperty("transforms.outbox.table.field.event.key", "aggregateid");
        p.setProperty("transforms.outbox.table.expand.json.payload", "false");
        p.setProperty(
                "transforms.outbox.table.fields.additional.placement",
                "id:header:ce_id,type:header:ce_type,created_at:header:ce_time");
        return p;
    }
}
