package dev.deletionpipeline.worker.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.deletionpipeline.common.json.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import tools.jackson.core.type.TypeReference;

/**
 * A Kafka record exactly as it was taken in (key, raw value bytes, headers) and where it came from: a dead-letter
 * record must keep the original key, value and headers.
 */
public record KeptRecord(String topic, int partition, long offset, String key, byte[] value, List<Header> headers) {

    /** One header, kept so that a dead-letter record carries it unchanged; a null value stays null. */
    public record Header(
            String name,
            @JsonInclude(JsonInclude.Include.ALWAYS) byte[] value) {}

    private static final TypeReference<List<Header>> HEADERS = new TypeReference<>() {};

    public KeptRecord {
        headers = List.copyOf(headers);
    }

    /**
     * A consumed record as kept, with {@code value} its raw bytes, less the headers whose name starts with
     * {@code skippedPrefix} (null: none).
     */
    public static KeptRecord of(ConsumerRecord<?, ?> record, byte[] value, String skippedPrefix) {
        return new KeptRecord(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key() == null ? null : record.key().toString(),
                value,
                StreamSupport.stream(record.headers().spliterator(), false)
                        .filter(header -> skippedPrefix == null || !header.key().startsWith(skippedPrefix))
                        .map(header -> new Header(header.key(), header.value()))
                        .toList());
    }

    /** Reads the kept record from a row of {@code deletion_tasks} or {@code dead_letters}, which keep it alike. */
    public static KeptRecord read(ResultSet row) throws SQLException {
        return new KeptRecord(
                row.getString("source_topic"),
                row.getInt("source_partition"),
                row.getLong("source_offset"),
                row.getString("record_key"),
                row.getBytes("record_value"),
                EventJson.mapper().readValue(row.getString("record_headers"), HEADERS));
    }

    /** Adds the columns it is kept in as {@code :topic, :partition, :offset, :key, :value, :headers}. */
    public MapSqlParameterSource addTo(MapSqlParameterSource params) {
        return params.addValue("topic", topic)
                .addValue("partition", partition)
                .addValue("offset", offset)
                .addValue("key", key, Types.VARCHAR)
                .addValue("value", value, Types.BINARY)
                .addValue("headers", headersJson());
    }

    /** The headers as the {@code jsonb} column they are kept in: {@code [{"name":..,"value":base64|null}]}, in order. */
    public String headersJson() {
        return EventJson.mapper().writeValueAsString(headers);
    }
}
