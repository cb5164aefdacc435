package dev.deletionpipeline.api.relay;

import dev.deletionpipeline.api.relay.offsets.RelayOffsetStore;
import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration of the embedded Debezium engine: the PostgreSQL connector on the {@code outbox} table and the outbox
 * {@code EventRouter}. {@link #connector} is the part that {@code deploy/debezium/outbox-connector.json} repeats for
 * Kafka Connect (a test keeps the two equal); {@link #engine} adds what only the embedded engine needs.
 *
 * <p>{@code snapshot.mode=no_data}: the connector streams from the slot's position and never reads the table; the slot
 * keeps every later change until the relay confirms it, so nothing after it is lost, also when the offset topic is gone
 * (the relay then resumes at the slot's position). What the slot cannot cover (rows written before it existed, or
 * before it was lost) {@link SlotRecovery} re-publishes through it.
 */
final class OutboxConnectorProperties {

    static final String ENGINE_NAME = "deletion-outbox-relay";
    static final String HEARTBEAT_QUERY = "update relay_heartbeat set beat_at = now() where id = 1";

    private OutboxConnectorProperties() {}

    /** Connector and router settings shared with the Kafka Connect configuration. */
    static Map<String, String> connector(RelaySettings settings, String topicPrefix) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("topic.prefix", "deletion");
        config.put("plugin.name", "pgoutput");
        config.put("publication.name", settings.publicationName());
        config.put("publication.autocreate.mode", "disabled");
        config.put("slot.name", settings.slotName());
        config.put("slot.drop.on.stop", "false");
        config.put("snapshot.mode", "no_data");
        config.put("table.include.list", "public.outbox");
        // the outbox is insert-only; the cleanup's deletes are not events
        config.put("skipped.operations", "u,d,t");
        config.put(
                "heartbeat.interval.ms",
                Long.toString(settings.heartbeatInterval().toMillis()));
        config.put("heartbeat.action.query", HEARTBEAT_QUERY);
        // RelayMetrics measures what operators need; Debezium's own latency statistics fill a bounded queue under a
        // bulk deletion and then log a warning per record
        config.put("statistics.metrics.enabled", "false");
        config.putAll(router(topicPrefix));
        return config;
    }

    /** The outbox EventRouter: topic from aggregatetype, key from aggregateid, payload as-is, id and type as headers. */
    static Map<String, String> router(String topicPrefix) {
        Map<String, String> router = new LinkedHashMap<>();
        router.put("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        router.put("transforms.outbox.route.by.field", "aggregatetype");
        router.put("transforms.outbox.route.topic.replacement", topicPrefix + "${routedByValue}");
        router.put("transforms.outbox.table.field.event.key", "aggregateid");
        // the jsonb text goes to Kafka unchanged: it is the event's JSON that the contract's serdes read
        router.put("transforms.outbox.table.expand.json.payload", "false");
        router.put(
                "transforms.outbox.table.fields.additional.placement",
                "id:header:" + CloudEventHeaders.ID
                        + ",type:header:" + CloudEventHeaders.TYPE
                        + ",created_at:header:" + CloudEventHeaders.TIME);
        return router;
    }

    /** Everything the embedded engine needs: the connector, its database, offsets in Kafka, batching. */
    static Properties engine(RelaySettings settings, String topicPrefix) {
        Properties properties = new Properties();
        properties.putAll(connector(settings, topicPrefix));
        properties.setProperty("name", ENGINE_NAME);
        properties.setProperty("transforms", "outbox");
        RelaySettings.Database database = settings.database();
        properties.setProperty("database.hostname", database.host());
        properties.setProperty("database.port", Integer.toString(database.port()));
        properties.setProperty("database.dbname", database.name());
        properties.setProperty("database.user", database.username());
        properties.setProperty("database.password", database.password());
        RelaySettings.Kafka kafka = settings.kafka();
        // the offset store hands the engine's properties to its producer and consumer, their admin client settings to
        // its admin client
        properties.putAll(kafka.clientProperties());
        properties.setProperty("offset.storage", RelayOffsetStore.class.getName());
        properties.setProperty("bootstrap.servers", kafka.bootstrapServers());
        properties.setProperty("offset.storage.topic", kafka.offsetTopic());
        properties.setProperty("offset.storage.partitions", "1");
        properties.setProperty(
                "offset.storage.replication.factor", Short.toString(kafka.offsetTopicReplicationFactor()));
        properties.setProperty(
                "offset.flush.interval.ms",
                Long.toString(kafka.offsetFlushInterval().toMillis()));
        properties.setProperty(
                "poll.interval.ms", Long.toString(settings.pollInterval().toMillis()));
        properties.setProperty("record.processing.threads", "1");
        // a standby that takes over may find the slot still held by the old walsender for a moment
        properties.setProperty("slot.max.retries", "30");
        properties.setProperty("slot.retry.delay.ms", "1000");
        return properties;
    }
}
