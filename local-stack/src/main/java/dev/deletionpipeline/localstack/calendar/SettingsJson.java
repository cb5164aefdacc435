package dev.deletionpipeline.localstack.calendar;

import dev.deletionpipeline.common.json.EventJson;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of {@link CalendarStandInSettings} for {@code GET/PUT /_standin/settings}. A PUT body is a patch: only
 * the fields it names change ({@code faultRates}, {@code calendarFaults} and {@code eventFaults} are each replaced as a
 * whole). Durations are ISO-8601 strings ({@code "PT0.05S"}) or numbers of milliseconds; an injected fault is {@code
 * {"status":403,"reason":"forbiddenForNonOrganizer"}}.
 */
final class SettingsJson {

    private static final Set<String> FIELDS = Set.of(
            "port",
            "threads",
            "latency",
            "latencyJitter",
            "faultRates",
            "calendarFaults",
            "eventFaults",
            "perUserQuotaPerMinute",
            "perProjectQuotaPerMinute",
            "userQuotaResponse",
            "authMode",
            "autoCreateCalendars",
            "randomSeed",
            "callLogCapacity");

    private SettingsJson() {}

    static ObjectNode write(CalendarStandInSettings settings) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("port", settings.port()).put("threads", settings.threads());
        json.put("latency", settings.latency().toString())
                .put("latencyJitter", settings.latencyJitter().toString());
        ObjectNode rates = json.putObject("faultRates");
        settings.faultRates().forEach((status, rate) -> rates.put(Integer.toString(status), rate));
        writeFaults(json.putObject("calendarFaults"), settings.calendarFaults());
        writeFaults(json.putObject("eventFaults"), settings.eventFaults());
        json.put("perUserQuotaPerMinute", settings.perUserQuotaPerMinute())
                .put("perProjectQuotaPerMinute", settings.perProjectQuotaPerMinute())
                .put("userQuotaResponse", settings.userQuotaResponse().name())
                .put("authMode", settings.authMode().name())
                .put("autoCreateCalendars", settings.autoCreateCalendars())
                .put("randomSeed", settings.randomSeed())
                .put("callLogCapacity", settings.callLogCapacity());
        return json;
    }

    /** @throws IllegalArgumentException for an unknown field or a value the settings reject */
    static CalendarStandInSettings patch(CalendarStandInSettings current, JsonNode patch) {
        if (!patch.isObject()) {
            throw new IllegalArgumentException("settings must be a JSON object");
        }
        for (String field : patch.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown setting: " + field);
            }
        }
        CalendarStandInSettings.Builder builder = current.toBuilder();
        if (patch.has("latency")) {
            builder.latency(duration(patch.get("latency")));
        }
        if (patch.has("latencyJitter")) {
            builder.latencyJitter(duration(patch.get("latencyJitter")));
        }
        if (patch.has("faultRates")) {
            builder.faultRates(faultRates(patch.get("faultRates")));
        }
        if (patch.has("calendarFaults")) {
            builder.calendarFaults(injectedFaults(patch.get("calendarFaults")));
        }
        if (patch.has("eventFaults")) {
            builder.eventFaults(injectedFaults(patch.get("eventFaults")));
        }
        if (patch.has("perUserQuotaPerMinute")) {
            builder.perUserQuotaPerMinute(patch.get("perUserQuotaPerMinute").asInt());
        }
        if (patch.has("perProjectQuotaPerMinute")) {
            builder.perProjectQuotaPerMinute(
                    patch.get("perProjectQuotaPerMinute").asInt());
        }
        if (patch.has("userQuotaResponse")) {
            builder.userQuotaResponse(
                    UserQuotaResponse.valueOf(patch.get("userQuotaResponse").asString()));
        }
        if (patch.has("authMode")) {
            builder.authMode(AuthMode.valueOf(patch.get("authMode").asString()));
        }
        if (patch.has("autoCreateCalendars")) {
            builder.autoCreateCalendars(patch.get("autoCreateCalendars").asBoolean());
        }
        if (patch.has("randomSeed")) {
            builder.randomSeed(patch.get("randomSeed").asLong());
        }
        return builder.build();
    }

    private static Duration duration(JsonNode value) {
        return value.isNumber() ? Duration.ofMillis(value.asLong()) : Duration.parse(value.asString());
    }

    private static Map<Integer, Double> faultRates(JsonNode rates) {
        Map<Integer, Double> parsed = new TreeMap<>();
        for (Map.Entry<String, JsonNode> rate : rates.properties()) {
            parsed.put(Integer.parseInt(rate.getKey()), rate.getValue().asDouble());
        }
        return parsed;
    }

    private static void writeFaults(ObjectNode json, Map<String, InjectedFault> faults) {
        faults.forEach((target, fault) ->
                json.putObject(target).put("status", fault.status()).put("reason", fault.reason()));
    }

    private static Map<String, InjectedFault> injectedFaults(JsonNode faults) {
        Map<String, InjectedFault> parsed = new TreeMap<>();
        for (Map.Entry<String, JsonNode> fault : faults.properties()) {
            JsonNode value = fault.getValue();
            if (!value.has("status") || !value.hasNonNull("reason")) {
                throw new IllegalArgumentException("an injected fault needs status and reason: " + fault.getKey());
            }
            parsed.put(
                    fault.getKey(),
                    new InjectedFault(
                            value.get("status").asInt(), value.get("reason").asString()));
        }
        return parsed;
    }
}
