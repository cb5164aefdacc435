package dev.deletionpipeline.worker.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.deletionpipeline.common.json.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Headers;
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

    /** The headers of a consumed record, less those whose name starts with {@code skippedPrefix} (null: none). */
    public static List<Header> headersOf(Headers headers, String skippedPrefix) {
        return StreamSupport.stream(headers.spliterator(), false)
                .filter(header -> skippedPrefix == null || !header.key().startsWith(skippedPrefix))
                .map(header -> new Header(header.key(), header.value()))
                .toList();
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

    /** The headers as the {@code jsonb} column they are kept in: {@code [{"name":..,"value":base64|null}]}, in order. */
    public String headersJson() {
        return EventJson.mapper().writeValueAsString(headers);
    }
}
