package dev.deletionpipeline.worker.tasks;

import dev.deletionpipeline.common.json.EventJson;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Record headers as the {@code jsonb} column they are kept in: {@code [{"name":..,"value":base64|null}]}, in order. */
public final class HeadersJson {

    private HeadersJson() {}

    public static String write(List<KeptHeader> headers) {
        ArrayNode array = EventJson.mapper().createArrayNode();
        for (KeptHeader header : headers) {
            ObjectNode node = array.addObject().put("name", header.name());
            if (header.value() == null) {
                node.putNull("value");
            } else {
                node.put("value", Base64.getEncoder().encodeToString(header.value()));
            }
        }
        return array.toString();
    }

    public static List<KeptHeader> read(String json) {
        List<KeptHeader> headers = new ArrayList<>();
        for (JsonNode node : EventJson.mapper().readTree(json)) {
            JsonNode value = node.get("value");
            byte[] bytes =
                    value == null || value.isNull() ? null : Base64.getDecoder().decode(value.asString());
            headers.add(new KeptHeader(node.get("name").asString(), bytes));
        }
        return headers;
    }
}
