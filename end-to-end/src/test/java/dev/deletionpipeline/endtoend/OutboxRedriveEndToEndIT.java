package dev.deletionpipeline.endtoend;

import static dev.deletionpipeline.endtoend.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.events.RedriveRequested;
import dev.deletionpipeline.common.topics.Topics;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A re-drive the reconciler asks for reaches the worker as every lifecycle event does: the request on
 * {@code deletion.redrive-requests.v1} (sent here as the tracking topology sends it; the reconciler's
 * {@code RedriveThroughOutboxIT} covers the topology's part) becomes an outbox row, which Debezium relays to
 * {@code blocks.lifecycle.v1} with the outbox's {@code ce_id}; the same request delivered again publishes nothing more,
 * and the worker, started again, deletes the block once. Named to run before {@code ReconcilerOrphansIT}, whose last
 * check sums up every deletion of the run.
 */
@ExtendWith(EndToEndStack.Resolver.class)
@Execution(ExecutionMode.SAME_THREAD)
class OutboxRedriveEndToEndIT {

    /** The re-drive listener's consumer group: the reconciler's application id (local stack default) + "-redrive". */
    private static final String LISTENER_GROUP = "deletion-reconciler-redrive";

    private final EndToEndStack stack;
    private final Clients clients;

    OutboxRedriveEndToEndIT(EndToEndStack stack) {
        this.stack = stack;
        this.clients = stack.clients();
    }

    /** One {@code BlockSoftDeleted} record of the lifecycle topic with its {@code ce_id}. */
    private record Relayed(UUID cloudEventId, String cloudEventType, BlockSoftDeleted event) {}

    @Test
    void aRequestedRedriveIsRelayedFromTheOutboxOnce() throws Exception {
        UUID owner = clients.createOwner("e2e-redrive");
        String token = clients.database().signIn(owner);
        String calendar = "e2e-redrive";
        String googleEvent = StandIn.newEventId();
        UUID block = clients.createSyncedBlock(token, calendar, googleEvent, null);
        String bootstrap = stack.endpoints().kafkaBootstrap();
        List<Relayed> relayed = new ArrayList<>();

        StoppedService worker = stack.process().stopService("deletion-worker", Duration.ofSeconds(60));
        clients.deleteBlock(token, block);
        try (TopicTail<LifecycleEvent> lifecycle = new TopicTail<>(bootstrap, Topics.BLOCKS_LIFECYCLE);
                KafkaProducer<String, RedriveRequested> reconciler = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                        Topics.REDRIVE_REQUESTS.keySerde().serializer(),
                        Topics.REDRIVE_REQUESTS.valueSerde().serializer());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            BlockSoftDeleted original = eventually()
                    .until(() -> softDeletes(lifecycle, block, relayed), found -> found.size() == 1)
                    .get(0)
                    .event();
            RedriveRequested request = new RedriveRequested(
                    UUID.randomUUID(), block, original.deletionId(), original.eventId(), 1, Instant.now());

            send(reconciler, request);
            Relayed redrive = eventually()
                    .until(() -> softDeletes(lifecycle, block, relayed), found -> found.size() == 2)
                    .get(1);
            assertThat(redrive.event().eventId()).isEqualTo(request.eventId());
            assertThat(redrive.event().redriveOf()).isEqualTo(original.eventId());
            assertThat(redrive.event().deletionId()).isEqualTo(original.deletionId());
            assertThat(redrive.event().googleEventId()).isEqualTo(googleEvent);
            assertThat(redrive.cloudEventId())
                    .as("ce_id: the outbox row's id, set by Debezium's outbox router")
                    .isEqualTo(request.eventId());
            assertThat(redrive.cloudEventType()).isEqualTo(EventTypes.typeOf(BlockSoftDeleted.class));

            send(reconciler, request);
            eventually().until(() -> consumedRequests(admin) == 2);
            stack.process().restart(worker);
            eventually()
                    .ignoreException(UncheckedIOException.class)
                    .untilAsserted(() -> assertThat(clients.worker()
                                    .get("/actuator/health", null)
                                    .status())
                            .isEqualTo(200));
            eventually()
                    .untilAsserted(
                            () -> stack.outcomes().assertHardDeletedAndConfirmed(calendar, Map.of(block, googleEvent)));
            // a row for the second delivery would have been committed before its offset, so relayed before the
            // worker's confirmation
            assertThat(softDeletes(lifecycle, block, relayed))
                    .as("the second delivery of the request published nothing")
                    .hasSize(2);
        }
    }

    private static void send(KafkaProducer<String, RedriveRequested> producer, RedriveRequested request)
            throws Exception {
        producer.send(new ProducerRecord<>(
                        Topics.REDRIVE_REQUESTS.name(), request.blockId().toString(), request))
                .get();
    }

    private static long consumedRequests(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(LISTENER_GROUP).partitionsToOffsetAndMetadata().get().values().stream()
                .mapToLong(OffsetAndMetadata::offset)
                .sum();
    }

    private static List<Relayed> softDeletes(TopicTail<LifecycleEvent> lifecycle, UUID block, List<Relayed> found) {
        lifecycle.catchUp(record -> {
            if (record.value() instanceof BlockSoftDeleted softDeleted
                    && softDeleted.blockId().equals(block)) {
                var headers = ContractCloudEvents.readFrom(record.headers()).orElseThrow();
                found.add(new Relayed(UUID.fromString(headers.getId()), headers.getType(), softDeleted));
            }
        });
        return List.copyOf(found);
    }
}
