package dev.deletionpipeline.api.relay;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.relay.*}: the embedded CDC relay that carries committed outbox rows to Kafka. Defaults live in
 * {@code application.yml}, one comment per setting.
 *
 * @param enabled false when Kafka Connect or Debezium Server runs the connector of {@code deploy/debezium} instead; then
 *     no bean touches Debezium
 * @param source the CloudEvents {@code ce_source} of every relayed event
 * @param slotName the logical replication slot; it survives restarts, and the relay drops it only once PostgreSQL has
 *     invalidated it ({@link SlotRecovery})
 * @param publicationName the publication the schema migration created (outbox and heartbeat table)
 * @param heartbeatInterval how often Debezium emits a heartbeat and touches {@code relay_heartbeat}
 * @param pollInterval how long Debezium waits for more changes before it hands over a batch
 * @param leaderPollInterval how often a standby instance tries to become the active relay, and the active one checks
 *     that it still is
 */
@Validated
@ConfigurationProperties("deletion.relay")
public record RelaySettings(
        boolean enabled,
        @NotBlank String source,
        @NotBlank String slotName,
        @NotBlank String publicationName,
        @PositiveDuration Duration heartbeatInterval,
        @PositiveDuration Duration pollInterval,
        @PositiveDuration Duration leaderPollInterval,
        @NotNull @Valid Database database,
        @NotNull @Valid Kafka kafka,
        @NotNull @Valid Cleanup cleanup) {

    /** These settings with the given Kafka client settings under the relay's own {@code client-properties}. */
    RelaySettings withKafkaClientDefaults(Map<String, String> defaults) {
        Map<String, String> merged = new HashMap<>(defaults);
        merged.putAll(kafka.clientProperties());
        Kafka withDefaults = new Kafka(
                kafka.bootstrapServers(),
                kafka.offsetTopic(),
                kafka.offsetTopicReplicationFactor(),
                kafka.offsetFlushInterval(),
                merged);
        return new RelaySettings(
                enabled,
                source,
                slotName,
                publicationName,
                heartbeatInterval,
                pollInterval,
                leaderPollInterval,
                database,
                withDefaults,
                cleanup);
    }

    /**
     * The captured database; the replication and the leader-lock connections go there.
     *
     * @param url a single-host JDBC URL, {@code jdbc:postgresql://host:port/database}
     */
    public record Database(
            @NotBlank @Pattern(regexp = "jdbc:postgresql://.+")
            String url,

            @NotBlank String username,
            @NotNull String password) {

        String host() {
            return uri().getHost();
        }

        int port() {
            return uri().getPort() > 0 ? uri().getPort() : 5432;
        }

        String name() {
            return uri().getPath().substring(1);
        }

        private URI uri() {
            if (url == null || !url.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + url);
            }
            return URI.create(url.substring("jdbc:".length()));
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + ", password=***]";
        }
    }

    /**
     * Where the relay produces to and keeps its connector offsets.
     *
     * @param offsetTopic the compacted topic of Debezium's offsets (created on first start)
     * @param offsetFlushInterval how often processed offsets are committed and the slot's position confirmed
     * @param clientProperties further Kafka client settings of the relay's producer and offset store (e.g. {@code
     *     security.protocol}, {@code sasl.*}); the wiring puts spring.kafka's connection security under them
     */
    public record Kafka(
            @NotBlank String bootstrapServers,
            @NotBlank String offsetTopic,
            @Positive short offsetTopicReplicationFactor,
            @PositiveDuration Duration offsetFlushInterval,
            @NotNull Map<String, String> clientProperties) {

        public Kafka {
            // a missing map is left to @NotNull, whose message names the setting
            clientProperties = clientProperties == null ? null : Map.copyOf(clientProperties);
        }

        /**
         * The start of every Kafka client the relay builds itself: logged in like the offset store (a secured broker
         * refuses any other), at the bootstrap servers, named {@code ENGINE_NAME + clientIdSuffix}.
         */
        Properties clientConfig(String clientIdSuffix) {
            Properties properties = new Properties();
            properties.putAll(clientProperties);
            properties.put("bootstrap.servers", bootstrapServers);
            properties.put("client.id", OutboxConnectorProperties.ENGINE_NAME + clientIdSuffix);
            return properties;
        }

        @Override
        public String toString() {
            return "Kafka[bootstrapServers=" + bootstrapServers + ", offsetTopic=" + offsetTopic + ", clientProperties="
                    + clientProperties.keySet() + "]";
        }
    }

    /**
     * The scheduled removal of outbox rows that were relayed long enough ago.
     *
     * @param retention how long a relayed row stays in the table
     * @param interval time between two cleanups
     * @param batchSize rows deleted per statement, so that no delete holds many locks for long
     */
    public record Cleanup(
            boolean enabled,
            @PositiveDuration Duration retention,
            @PositiveDuration Duration interval,
            @Positive int batchSize) {}
}
