package dev.deletionpipeline.worker.tasks;

import dev.deletionpipeline.common.json.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * A Kafka record exactly as it was taken in (key, raw value bytes, headers) and where it came from: a dead-letter
 * record must keep the original key, value and headers.
 */
public record KeptRecord(String topic, int partition, long offset, String key, byte[] value, List<Header> headers) {

    /** One header, kept so that a dead-letter record carries it unchanged. */
    public record Header(String name, byte[] value) {}

    public KeptRecord {
        headers = List.copyOf(headers);
    }

    /** The headers of a consumed record, less those whose name starts with {@code skippedPrefix} (null: none). */
    public static List<Header> headersOf(Headers headers, String skippedPrefix) {
        List<Header> kept = new ArrayList<>();
        for (org.apache.kafka.common.header.Header header : headers) {
            if (skippedPrefix == null || !header.key().startsWith(skippedPrefix)) {
                kept.add(new Header(header.key(), header.value()));
            }
        }
        return kept;
    }

    /** Reads the kept record from a row of {@code deletion_tasks} or {@code dead_letters}, which keep it alike. */
    public static KeptRecord read(ResultSet row) throws SQLException {
        List<Header> headers = new ArrayList<>();
        for (JsonNode node : EventJson.mapper().readTree(row.getString("record_headers"))) {
            JsonNode value = node.get("value");
            byte[] bytes =
                    value == null || value.isNull() ? null : Base64.getDecoder().decode(value.asString());
            headers.add(new Header(node.get("name").asString(), bytes));
        }
        return new KeptRecord(
                row.getString("source_topic"),
                row.getInt("source_partition"),
                row.getLong("source_offset"),
                row.getString("record_key"),
                row.getBytes("record_value"),
                headers);
    }

    /** The headers as the {@code jsonb} column they are kept in: {@code [{"name":..,"value":base64|null}]}, in order. */
    public String headersJson() {
        ArrayNode array = EventJson.mapper().createArrayNode();
        for (Header header : headers) {
            array.addObject()
                    .put("name", header.name())
                    .put(
                            "value",
                            header.value() == null ? null : Base64.getEncoder().encodeToString(header.value()));
        }
        return array.toString();
    }
}
