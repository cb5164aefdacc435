package dev.deletionpipeline.api.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two API instances on one database: one relay active, the other takes over when it stops or its session dies. */
class RelayLeadershipIT {

    private static final Duration TAKE_OVER = Duration.ofSeconds(15);

    private RelayFixture fixture;
    private OutboxRelay first;
    private OutboxRelay second;
    private TopicReader<String, LifecycleEvent> lifecycle;

    @BeforeEach
    void startTwoRelays() {
        fixture = RelayFixture.create("leadership");
        first = fixture.relay(new SimpleMeterRegistry());
        second = fixture.relay(new SimpleMeterRegistry());
        first.start();
        second.start();
        lifecycle = fixture.reader(Topics.BLOCKS_LIFECYCLE);
    }

    @AfterEach
    void stopRelays() {
        lifecycle.close();
        first.destroy();
        second.destroy();
    }

    @Test
    void onlyOneRelayIsActiveAndTheOtherTakesOverWithinSecondsWhenItStops() {
        OutboxRelay active = awaitOneActive();
        OutboxRelay standby = active == first ? second : first;
        List<UUID> ids = insert(50);

        active.stop();
        await().atMost(TAKE_OVER).until(standby::isActive);
        ids.addAll(insert(50));

        assertThat(active.isActive()).isFalse();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> lifecycle.seenIds(ids).size() == ids.size());
    }

    @Test
    void whenTheActiveRelaysDatabaseSessionDiesTheOtherTakesOver() {
        OutboxRelay active = awaitOneActive();
        OutboxRelay standby = active == first ? second : first;
        List<UUID> ids = insert(20);

        fixture.execute("select pg_terminate_backend(pid) from pg_locks"
                + " where locktype = 'advisory' and granted and database = (select oid from pg_database"
                + " where datname = current_database())");

        await().atMost(TAKE_OVER).until(() -> standby.isActive() && !active.isActive());
        ids.addAll(insert(20));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> lifecycle.seenIds(ids).size() == ids.size());
    }

    private OutboxRelay awaitOneActive() {
        await().atMost(Duration.ofSeconds(60)).until(() -> first.isActive() || second.isActive());
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> first.isActive() ^ second.isActive());
        return first.isActive() ? first : second;
    }

    private List<UUID> insert(int rows) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            BlockSoftDeleted event = RelayFixture.softDeleted();
            fixture.insert(event);
            ids.add(event.eventId());
        }
        return ids;
    }
}
