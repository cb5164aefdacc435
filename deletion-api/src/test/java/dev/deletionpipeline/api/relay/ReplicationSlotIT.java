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

/** Where the relay starts on a first deployment: at the slot, created before the application accepts writes. */
class ReplicationSlotIT {

    @Test
    void relayStartsAtTheSlotSoRowsFromBeforeItAreNotReplayedAndRowsAfterItAreNotLost() throws Exception {
        RelayFixture fixture = RelayFixture.create("slot");
        BlockSoftDeleted beforeSlot = RelayFixture.softDeleted();
        BlockSoftDeleted afterSlotBeforeEngine = RelayFixture.softDeleted();
        BlockSoftDeleted whileStreaming = RelayFixture.softDeleted();
        fixture.insert(beforeSlot);
        ReplicationSlot.ensureExists(fixture.settings.database(), fixture.settings.slotName());
        ReplicationSlot.ensureExists(fixture.settings.database(), fixture.settings.slotName());
        fixture.insert(afterSlotBeforeEngine);
        OutboxRelay relay = fixture.relay(new SimpleMeterRegistry());
        try (TopicReader<String, LifecycleEvent> lifecycle = fixture.reader(Topics.BLOCKS_LIFECYCLE)) {
            relay.start();
            await().atMost(Duration.ofSeconds(60)).until(relay::isActive);
            fixture.insert(whileStreaming);

            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            lifecycle.seenIds(Set.of(whileStreaming.eventId())).size() == 1);
            assertThat(lifecycle.seenIds(Set.of(beforeSlot.eventId(), afterSlotBeforeEngine.eventId())))
                    .containsExactly(afterSlotBeforeEngine.eventId());
        } finally {
            relay.destroy();
        }
    }

    @Test
    void slotOfAnotherDatabaseIsReportedInsteadOfUsed() throws Exception {
        RelayFixture owner = RelayFixture.create("slot_owner");
        RelayFixture other = RelayFixture.create("slot_other");
        ReplicationSlot.ensureExists(owner.settings.database(), owner.settings.slotName());

        assertThatThrownBy(() -> ReplicationSlot.ensureExists(other.settings.database(), owner.settings.slotName()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(owner.database.name());
        assertThat(owner.slotExists()).isTrue();
    }
}
