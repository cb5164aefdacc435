package dev.deletionpipeline.api.relay;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Inserts soft-delete outbox rows one transaction each on a thread of its own, while a test does something else. */
final class OutboxInserter {

    private final List<UUID> ids = new CopyOnWriteArrayList<>();
    private CompletableFuture<Void> run;

    private OutboxInserter() {}

    static OutboxInserter start(RelayFixture fixture, int rows) {
        OutboxInserter inserter = new OutboxInserter();
        inserter.run = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < rows; i++) {
                BlockSoftDeleted event = RelayFixture.softDeleted();
                fixture.insert(event);
                inserter.ids.add(event.eventId());
            }
        });
        return inserter;
    }

    int inserted() {
        return ids.size();
    }

    /** Waits until every row is in and returns their event ids. */
    List<UUID> awaitAll() throws Exception {
        run.get(2, TimeUnit.MINUTES);
        return List.copyOf(ids);
    }
}
