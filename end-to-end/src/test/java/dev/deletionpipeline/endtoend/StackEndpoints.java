package dev.deletionpipeline.endtoend;

import java.util.Map;
import java.util.UUID;

/** Where each part of the running stack is, and the demo owner's and an admin's tokens, from its {@code stack.json}. */
public record StackEndpoints(
        String apiUrl,
        String workerUrl,
        String reconcilerUrl,
        String kafkaBootstrap,
        String jdbcUrl,
        String calendarUrl,
        UUID demoOwnerId,
        String demoOwnerToken,
        String adminToken) {

    public static StackEndpoints of(Map<String, String> description) {
        return new StackEndpoints(
                description.get("api_url"),
                description.get("worker_url"),
                description.get("reconciler_url"),
                description.get("kafka_bootstrap"),
                description.get("jdbc_url"),
                description.get("calendar_url"),
                UUID.fromString(description.get("owner_id")),
                description.get("owner_token"),
                description.get("admin_token"));
    }
}
