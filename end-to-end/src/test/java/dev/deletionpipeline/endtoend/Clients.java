package dev.deletionpipeline.endtoend;

import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.DeletionRequested;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.launcher.LocalStackRun;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;

/**
 * What a test does to the stack, as the pipeline's clients do it: deletion-api's REST API (owners and admins),
 * worker and reconciler admin endpoints, a {@code DeletionRequested} command on Kafka from "another service". The
 * database and the stand-in are reached through {@link #database()} and {@link #standIn()}, to set up what a sync or a
 * sign-in would have and to check outcomes.
 */
final class Clients {

    private final StackEndpoints endpoints;
    private final RestClient api;
    private final RestClient worker;
    private final RestClient reconciler;
    private final Database database;
    private final StandIn standIn;

    Clients(StackEndpoints endpoints) {
        this.endpoints = endpoints;
        this.api = new RestClient(endpoints.apiUrl());
        this.worker = new RestClient(endpoints.workerUrl());
        this.reconciler = new RestClient(endpoints.reconcilerUrl());
        this.database = new Database(endpoints.jdbcUrl());
        this.standIn = new StandIn(endpoints.calendarUrl());
    }

    RestClient api() {
        return api;
    }

    RestClient worker() {
        return worker;
    }

    RestClient reconciler() {
        return reconciler;
    }

    Database database() {
        return database;
    }

    StandIn standIn() {
        return standIn;
    }

    String adminToken() {
        return endpoints.adminToken();
    }

    /** An owner an admin created over REST; {@link Database#signIn} gives them a token. */
    UUID createOwner(String handlePrefix) {
        String handle = handlePrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode owner = api.post("/v1/admin/owners", adminToken(), Map.of("handle", handle, "displayName", "E2E"))
                .expect(201);
        return UUID.fromString(owner.get("id").asString());
    }

    /**
     * Creates a block over REST.
     *
     * @param googleEventId nullable: the synced event
     * @param originalId nullable: the parent block
     */
    UUID createBlock(String ownerToken, String calendarId, String googleEventId, UUID originalId) {
        return createBlock(ownerToken, calendarId, googleEventId, originalId, null);
    }

    /** A recurring series' instance: its event inserted at Google as an instance of the series, then the block. */
    UUID createSyncedInstance(String ownerToken, String calendarId, String googleEventId, String seriesEventId) {
        standIn.insertInstance(calendarId, googleEventId, seriesEventId);
        return createBlock(ownerToken, calendarId, googleEventId, null, seriesEventId);
    }

    private UUID createBlock(
            String ownerToken, String calendarId, String googleEventId, UUID originalId, String recurringEventId) {
        Map<String, Object> body = new HashMap<>();
        body.put("calendarId", calendarId);
        body.put("title", "e2e block");
        if (googleEventId != null) {
            body.put("googleEventId", googleEventId);
        }
        if (originalId != null) {
            body.put("originalId", originalId.toString());
        }
        if (recurringEventId != null) {
            body.put("recurringEventId", recurringEventId);
        }
        return UUID.fromString(
                api.post("/v1/blocks", ownerToken, body).expect(201).get("id").asString());
    }

    /** A synced block: its event inserted at Google first, then the block created over REST. */
    UUID createSyncedBlock(String ownerToken, String calendarId, String googleEventId, UUID originalId) {
        standIn.insertEvent(calendarId, googleEventId);
        return createBlock(ownerToken, calendarId, googleEventId, originalId);
    }

    /** {@code DELETE /v1/blocks/{id}}: the 202 answer. */
    JsonNode deleteBlock(String ownerToken, UUID blockId) {
        return api.delete("/v1/blocks/" + blockId, ownerToken).expect(202);
    }

    /** {@code GET /v1/deletions/{id}} with the first block's state only: the counts are what tests read. */
    JsonNode deletion(String token, UUID deletionId) {
        return api.get("/v1/deletions/" + deletionId + "?size=1", token).expect(200);
    }

    /** The blocks the reconciler lists as open orphans ({@code GET /v1/orphans}, admin role). */
    List<UUID> openOrphanBlocks() {
        return reconciler
                .get("/v1/orphans", adminToken())
                .expect(200)
                .valueStream()
                .map(orphan -> UUID.fromString(orphan.get("blockId").asString()))
                .toList();
    }

    /** The reconciler's {@code DeletionStatus} of the block ({@code GET /v1/status/{blockId}}, admin role). */
    JsonNode reconcilerStatus(UUID blockId) {
        return reconciler.get("/v1/status/" + blockId, adminToken()).expect(200);
    }

    /**
     * Sends the command as another service does: key = owner id, CloudEvents headers with the source the local stack
     * allows, acknowledged by Kafka.
     */
    void sendCommand(DeletionRequested command) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, DeletionRequested> producer = new KafkaProducer<>(
                config,
                Topics.DELETION_REQUESTS.keySerde().serializer(),
                Topics.DELETION_REQUESTS.valueSerde().serializer())) {
            ProducerRecord<String, DeletionRequested> record = new ProducerRecord<>(
                    Topics.DELETION_REQUESTS.name(), command.ownerId().toString(), command);
            ContractCloudEvents.writeTo(
                    record.headers(),
                    ContractCloudEvents.of(command, LocalStackRun.DEMO_REQUEST_SOURCE, Instant.now()));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }
}
