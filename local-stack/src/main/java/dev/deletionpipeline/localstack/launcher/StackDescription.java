package dev.deletionpipeline.localstack.launcher;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.deletionpipeline.common.json.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where each part of a running local stack is: printed at start and written as JSON for scripts and benchmarks. */
record StackDescription(
        @JsonProperty("api_url") String apiUrl,
        @JsonProperty("worker_url") String workerUrl,
        @JsonProperty("reconciler_url") String reconcilerUrl,
        @JsonProperty("kafka_bootstrap") String kafkaBootstrap,
        @JsonProperty("jdbc_url") String jdbcUrl,
        @JsonProperty("calendar_url") String calendarUrl,
        @JsonProperty("owner_id") String ownerId,
        @JsonProperty("owner_token") String ownerToken,
        @JsonProperty("admin_token") String adminToken) {

    void writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    String toText(Path file) {
        return String.join(
                System.lineSeparator(),
                "",
                "Local stack is up.",
                "  deletion-api      " + apiUrl + "   (OpenAPI: " + apiUrl + "/v3/api-docs)",
                "  deletion-worker   " + workerUrl,
                "  reconciler        " + reconcilerUrl,
                "  Kafka (KRaft)     " + kafkaBootstrap,
                "  PostgreSQL        " + jdbcUrl + "   (user deletion / password deletion)",
                "  Google stand-in   " + calendarUrl + "   (inspect: " + calendarUrl
                        + "/_standin/events, /_standin/calls)",
                "",
                "  demo owner id     " + ownerId,
                "  OWNER_TOKEN=" + ownerToken,
                "  ADMIN_TOKEN=" + adminToken,
                "  (both valid for " + LocalStackRun.TOKEN_VALIDITY.toHours() + " hours; a restart prints fresh ones)",
                "",
                "  This description as JSON: " + file,
                "  Ctrl-C stops everything.",
                "");
    }
}
