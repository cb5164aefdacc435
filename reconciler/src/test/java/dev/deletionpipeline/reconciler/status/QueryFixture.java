package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The tracking topology in a test driver, for tests outside this package that need filled stores to query. */
public final class QueryFixture implements AutoCloseable {

    private final TrackingFixture fixture = new TrackingFixture();

    public BlockSoftDeleted softDelete(Duration grace) {
        BlockSoftDeleted request =
                TrackingFixture.softDelete(UUID.randomUUID(), UUID.randomUUID(), fixture.now(), grace);
        fixture.pipe(request);
        return request;
    }

    public void confirm(BlockSoftDeleted request) {
        fixture.pipe(TrackingFixture.confirmation(request, fixture.now()));
    }

    public void advance(Duration duration) {
        fixture.advance(duration);
    }

    public Instant now() {
        return fixture.now();
    }

    public TrackingQueries queries() {
        return fixture.queries();
    }

    /** The test driver's stores, each whole (one partition). */
    public TrackingQueries.StoreLookup stores() {
        return fixture.stores();
    }

    public TrackingSettings settings() {
        return fixture.settings;
    }

    @Override
    public void close() {
        fixture.close();
    }
}
