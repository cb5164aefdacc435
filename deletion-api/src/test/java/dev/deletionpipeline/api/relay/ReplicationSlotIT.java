package dev.deletionpipeline.api.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the relay starts: at a slot it finds, or at one it creates, with what was written before it. */
class ReplicationSlotIT {

    @Test
    void slotCreatedBeforeTheRelayIsStreamedFromItsPositionSoOlderRowsAreNotReplayed() throws Exception {
        RelayFixture fixture = RelayFixture.create("slot");
        BlockSoftDeleted beforeSlot = RelayFixture.softDeleted();
        BlockSoftDeleted afterSlotBeforeEngine = RelayFixture.softDeleted();
        BlockSoftDeleted whileStreaming = RelayFixture.softDeleted();
        fixture.insert(beforeSlot);
        // as Kafka Connect leaves it, or an operator who created it by hand
        fixture.createSlot();
        fixture.insert(afterSlotBeforeEngine);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OutboxRelay relay = fixture.relay(registry);
        try (TopicReader<String, LifecycleEvent> lifecycle = fixture.reader(Topics.BLOCKS_LIFECYCLE)) {
            relay.start();
            await().atMost(Duration.ofSeconds(60)).until(relay::isActive);
            fixture.insert(whileStreaming);

            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            lifecycle.seenIds(Set.of(whileStreaming.eventId())).size() == 1);
            assertThat(lifecycle.seenIds(Set.of(beforeSlot.eventId(), afterSlotBeforeEngine.eventId())))
                    .containsExactly(afterSlotBeforeEngine.eventId());
            assertThat(registry.find(RelayMetrics.SLOT_LOST).counter()).isNull();
        } finally {
            relay.destroy();
        }
    }

    @Test
    void relayThatCreatesTheSlotPublishesTheRowsWrittenBeforeItWithoutCallingItALoss() throws Exception {
        RelayFixture fixture = RelayFixture.create("slot_first");
        BlockSoftDeleted beforeSlot = RelayFixture.softDeleted();
        fixture.insert(beforeSlot);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OutboxRelay relay = fixture.relay(registry);
        try (TopicReader<String, LifecycleEvent> lifecycle = fixture.reader(Topics.BLOCKS_LIFECYCLE)) {
            relay.start();

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> lifecycle.seenIds(Set.of(beforeSlot.eventId())).size() == 1);
            assertThat(fixture.slotExists()).isTrue();
            assertThat(registry.find(RelayMetrics.SLOT_LOST).counter()).isNull();
        } finally {
            relay.destroy();
        }
    }

    @Test
    void slotOfAnotherDatabaseIsReportedInsteadOfUsed() throws Exception {
        RelayFixture owner = RelayFixture.create("slot_owner");
        RelayFixture other = RelayFixture.create("slot_other");
        owner.createSlot();
        RelaySettings borrowing = new RelaySettings(
                true,
                other.settings.source(),
                owner.settings.slotName(),
                other.settings.publicationName(),
                other.settings.heartbeatInterval(),
                other.settings.pollInterval(),
                other.settings.leaderPollInterval(),
                other.settings.database(),
                other.settings.kafka(),
                other.settings.cleanup());

        assertThatThrownBy(() -> new SlotRecovery(borrowing, other.metrics(new SimpleMeterRegistry())).prepare())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(owner.database.name());
        assertThat(owner.slotExists()).isTrue();
    }
}
