package dev.deletionpipeline.reconciler.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.auth.DevTokens;
import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import dev.deletionpipeline.reconciler.status.TrackingStores;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two reconciler applications (same application id) in one JVM against the real broker: the blocks' partitions are
 * split between them, and each answers for every block, the whole orphan list and the summary. When one stops, the
 * other answers 503 + Retry-After while the partitions move, and then everything itself; never a 500.
 */
class MultiInstanceQueryIT {

    private static final int BLOCKS_PER_INSTANCE = 4;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String token = DevTokens.local().adminToken("ops", Duration.ofMinutes(10));
    private final List<ReconcilerInstance> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(ReconcilerInstance::close);
    }

    @Test
    void everyInstanceAnswersForEveryBlockAndTheWholeOrphanList() {
        LocalKafka kafka = SharedInfrastructure.kafka();
        String prefix = "iq" + run + ".";
        Topics.ALL.forEach(topic -> kafka.createTopic(prefix + topic.name(), 3));
        var database = SharedInfrastructure.freshDatabase("reconciler_iq");
        String applicationId = "reconciler-iq-" + run;
        ReconcilerInstance a = start("a", applicationId, prefix, kafka, database);
        ReconcilerInstance b = start("b", applicationId, prefix, kafka, database);
        awaitSplitBetween(a, b);
        Map<Integer, List<UUID>> blocksByPort = blocksSpreadOver(a);
        Set<UUID> confirmed = new HashSet<>();
        Set<UUID> orphaned = new HashSet<>();
        blocksByPort.values().forEach(blocks -> {
            confirmed.addAll(blocks.subList(0, BLOCKS_PER_INSTANCE / 2));
            orphaned.addAll(blocks.subList(BLOCKS_PER_INSTANCE / 2, BLOCKS_PER_INSTANCE));
        });
        produce(kafka, prefix, confirmed, orphaned);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (ReconcilerInstance instance : instances) {
                        assertAnswersForAll(instance, confirmed, orphaned);
                    }
                });

        b.close();
        instances.remove(b);
        List<Integer> answers = new ArrayList<>();
        List<String> orphanLists = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    HttpResponse<String> list = a.get("/v1/orphans", token);
                    orphanLists.add(list.statusCode() == 200 ? listedOf(list, orphaned) : "" + list.statusCode());
                    for (UUID block : orphaned) {
                        HttpResponse<String> response = a.get("/v1/status/" + block, token);
                        answers.add(response.statusCode());
                        if (response.statusCode() == 503) {
                            assertThat(response.headers().firstValue("Retry-After"))
                                    .isPresent();
                            assertThat(response.headers().firstValue("Content-Type"))
                                    .get()
                                    .asString()
                                    .contains("application/problem+json");
                        }
                    }
                    assertAnswersForAll(a, confirmed, orphaned);
                });
        assertThat(answers).as("while the partitions moved").allMatch(status -> status == 200 || status == 503);
        assertThat(orphanLists)
                .as("orphan lists while the partitions moved: all of them or 503, never a short list")
                .allMatch(answer -> answer.equals("all") || answer.equals("503"));
    }

    private ReconcilerInstance start(
            String name, String applicationId, String prefix, LocalKafka kafka, TestDatabase database) {
        ReconcilerInstance instance =
                ReconcilerInstance.start(name, applicationId, prefix, kafka.bootstrapServers(), database);
        instances.add(instance);
        return instance;
    }

    private void assertAnswersForAll(ReconcilerInstance instance, Set<UUID> confirmed, Set<UUID> orphaned) {
        for (UUID block : confirmed) {
            assertThat(state(instance, block))
                    .as("block %s asked at %s", block, instance.port)
                    .isEqualTo("CONFIRMED");
        }
        for (UUID block : orphaned) {
            assertThat(state(instance, block))
                    .as("block %s asked at %s", block, instance.port)
                    .isEqualTo("ORPHANED");
        }
        HttpResponse<String> orphans = instance.get("/v1/orphans", token);
        assertThat(orphans.statusCode()).isEqualTo(200);
        assertThat(listed(orphans))
                .as("open orphans asked at %s", instance.port)
                .isEqualTo(orphaned);
        JsonNode summary =
                EventJson.mapper().readTree(instance.get("/v1/summary", token).body());
        assertThat(summary.get("countsByState").get("CONFIRMED").asLong()).isEqualTo(confirmed.size());
        assertThat(summary.get("countsByState").get("ORPHANED").asLong()).isEqualTo(orphaned.size());
    }

    /** "all" when the list holds every orphan, else how many it holds. */
    private static String listedOf(HttpResponse<String> orphans, Set<UUID> orphaned) {
        Set<UUID> listed = listed(orphans);
        return listed.equals(orphaned) ? "all" : "only " + listed.size();
    }

    private static Set<UUID> listed(HttpResponse<String> orphans) {
        Set<UUID> listed = new HashSet<>();
        EventJson.mapper()
                .readTree(orphans.body())
                .forEach(orphan ->
                        listed.add(UUID.fromString(orphan.get("blockId").asString())));
        return listed;
    }

    private String state(ReconcilerInstance instance, UUID block) {
        HttpResponse<String> response = instance.get("/v1/status/" + block, token);
        assertThat(response.statusCode())
                .as("block %s asked at %s", block, instance.port)
                .isEqualTo(200);
        return EventJson.mapper().readTree(response.body()).get("state").asString();
    }

    private void awaitSplitBetween(ReconcilerInstance a, ReconcilerInstance b) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (ReconcilerInstance instance : List.of(a, b)) {
                assertThat(instance.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(instance.streams().streamsMetadataForStore(TrackingStores.DELETIONS))
                        .hasSize(2);
            }
        });
    }

    /** Random block ids, {@link #BLOCKS_PER_INSTANCE} of them in the partitions of each instance. */
    private static Map<Integer, List<UUID>> blocksSpreadOver(ReconcilerInstance any) {
        Map<Integer, List<UUID>> byPort = new HashMap<>();
        while (byPort.size() < 2 || byPort.values().stream().anyMatch(b -> b.size() < BLOCKS_PER_INSTANCE)) {
            UUID block = UUID.randomUUID();
            int port = any.streams()
                    .queryMetadataForKey(TrackingStores.DELETIONS, block.toString(), new StringSerializer())
                    .activeHost()
                    .port();
            List<UUID> blocks = byPort.computeIfAbsent(port, p -> new ArrayList<>());
            if (blocks.size() < BLOCKS_PER_INSTANCE) {
                blocks.add(block);
            }
        }
        return byPort;
    }

    private static void produce(LocalKafka kafka, String prefix, Set<UUID> confirmed, Set<UUID> orphaned) {
        Instant now = Instant.now();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (UUID block : union(confirmed, orphaned)) {
                BlockSoftDeleted request = softDelete(block, now);
                producer.send(InputRecords.record(prefix, Topics.BLOCKS_LIFECYCLE, block, request));
                if (confirmed.contains(block)) {
                    producer.send(InputRecords.record(
                            prefix, Topics.HARD_DELETE_CONFIRMED, block, InputRecords.confirmation(request, now)));
                }
            }
        }
    }

    private static Set<UUID> union(Set<UUID> one, Set<UUID> other) {
        Set<UUID> all = new HashSet<>(one);
        all.addAll(other);
        return all;
    }

    /** Its purgeAfter a minute ago: past the 2 s deadline as soon as it is read. */
    private static BlockSoftDeleted softDelete(UUID block, Instant now) {
        return new BlockSoftDeleted(
                UUID.randomUUID(),
                UUID.randomUUID(),
                block,
                UUID.randomUUID(),
                "primary",
                "google-" + block,
                null,
                null,
                BlockKind.ORDINARY,
                now.minus(Duration.ofMinutes(10)),
                now.minus(Duration.ofMinutes(1)),
                null);
    }
}
