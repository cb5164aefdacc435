package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.QuotaWaitEstimated;
import dev.deletionpipeline.common.events.RedriveRequested;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The deletion-tracking topology in a {@link TopologyTestDriver} (no broker), with typed access to its topics and
 * stores. Time is the driver's wall clock, which starts at {@link #START} and moves only through {@link #advance}.
 */
final class TrackingFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final String CALENDAR = "primary";

    /** Deadline 10 min, deadline checks every 30 s, a summary every 60 s, latency window 15 min, no re-drives, finished deletions kept 7 days. */
    static final TrackingSettings SETTINGS = new TrackingSettings(
            Duration.ofMinutes(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            "global",
            Duration.ofMinutes(15),
            10_000,
            0,
            32,
            Duration.ofDays(7));

    final TrackingSettings settings;
    final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> lifecycle;
    private final TestInputTopic<String, byte[]> confirmations;
    private final TestInputTopic<String, byte[]> deadLetters;
    private final TestInputTopic<String, byte[]> quotaWaits;
    final TestOutputTopic<String, DeletionStatus> statuses;
    final TestOutputTopic<String, OrphanDetected> orphans;
    final TestOutputTopic<String, OpsSummary> summaries;
    final TestOutputTopic<String, LifecycleEvent> lifecycleOut;
    final TestOutputTopic<String, RedriveRequested> redriveRequests;
    final TestOutputTopic<String, byte[]> reconcilerDeadLetters;
    private final Path stateDir;
    private Instant now = START;

    TrackingFixture() {
        this(SETTINGS);
    }

    TrackingFixture(TrackingSettings settings) {
        this.settings = settings;
        this.stateDir = newStateDir();
        StreamsBuilder builder = new StreamsBuilder();
        DeletionTrackingTopology.build(builder, settings, "");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reconciler-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(builder.build(), props, START);
        lifecycle = rawInput(Topics.BLOCKS_LIFECYCLE);
        confirmations = rawInput(Topics.HARD_DELETE_CONFIRMED);
        deadLetters = rawInput(Topics.DELETION_DEAD_LETTERS);
        quotaWaits = rawInput(Topics.QUOTA_WAITS);
        statuses = output(Topics.DELETION_STATUS);
        orphans = output(Topics.DELETION_ORPHANS);
        summaries = output(Topics.DELETION_OPS);
        lifecycleOut = output(Topics.BLOCKS_LIFECYCLE);
        redriveRequests = output(Topics.REDRIVE_REQUESTS);
        reconcilerDeadLetters = output(Topics.RECONCILER_DEAD_LETTERS);
    }

    /** The re-drive as the outbox relays it once the reconciler has written the request's row. */
    static BlockSoftDeleted relayed(RedriveRequested request, BlockSoftDeleted original) {
        return new BlockSoftDeleted(
                request.eventId(),
                original.deletionId(),
                original.blockId(),
                original.ownerId(),
                original.calendarId(),
                original.googleEventId(),
                original.originalId(),
                original.recurringEventId(),
                original.kind(),
                original.deletedAt(),
                original.purgeAfter(),
                request.redriveOf(),
                original.dueBy());
    }

    static BlockSoftDeleted softDelete(UUID blockId, UUID deletionId, Instant deletedAt, Duration grace) {
        return softDelete(blockId, deletionId, deletedAt, grace, null);
    }

    /** @param dueBy nullable: the deletion request's dueBy as deletion-api decided it */
    static BlockSoftDeleted softDelete(
            UUID blockId, UUID deletionId, Instant deletedAt, Duration grace, Instant dueBy) {
        return new BlockSoftDeleted(
                UUID.randomUUID(),
                deletionId,
                blockId,
                OWNER,
                CALENDAR,
                "google-" + blockId,
                null,
                null,
                BlockKind.ORDINARY,
                deletedAt,
                deletedAt.plus(grace),
                null,
                dueBy);
    }

    static BlockRestored restore(UUID blockId, UUID deletionId, Instant restoredAt) {
        return new BlockRestored(UUID.randomUUID(), deletionId, blockId, OWNER, restoredAt);
    }

    static HardDeleteConfirmed confirmation(BlockSoftDeleted request, Instant hardDeletedAt) {
        return new HardDeleteConfirmed(
                UUID.randomUUID(),
                request.eventId(),
                request.deletionId(),
                request.blockId(),
                OWNER,
                CALENDAR,
                request.googleEventId(),
                HardDeleteOutcome.DELETED,
                1,
                0,
                request.deletedAt(),
                hardDeletedAt.minusMillis(20),
                hardDeletedAt.minusMillis(10),
                hardDeletedAt);
    }

    Instant now() {
        return now;
    }

    /** Moves the wall clock, which runs every punctuation that falls due; no record is piped. */
    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
        now = now.plus(duration);
    }

    void pipe(LifecycleEvent event) {
        lifecycle.pipeInput(record(event.blockId().toString(), json(event), cloudEventHeaders(event)));
    }

    void pipe(HardDeleteConfirmed event) {
        confirmations.pipeInput(record(event.blockId().toString(), json(event), cloudEventHeaders(event)));
    }

    /** A dead letter as the worker writes it: the original soft delete's key, value and headers, plus the reason. */
    void pipeDeadLetter(BlockSoftDeleted request, String reason, Instant lastFailureAt) {
        Headers headers = cloudEventHeaders(request);
        headers.add(DeadLetterHeaders.REASON, bytes(reason));
        headers.add(DeadLetterHeaders.DETAIL, bytes("Google answered 403 forbidden"));
        headers.add(DeadLetterHeaders.LAST_FAILURE_AT, bytes(lastFailureAt.toString()));
        deadLetters.pipeInput(record(request.blockId().toString(), json(request), headers));
    }

    /** The worker's estimate for a deletion waiting for its owner's quota, keyed by deletion id as it publishes it. */
    void pipe(QuotaWaitEstimated estimate) {
        quotaWaits.pipeInput(record(estimate.deletionId().toString(), json(estimate), cloudEventHeaders(estimate)));
    }

    /** The worker's tombstone: the deletion waits for quota no more. */
    void pipeQuotaWaitOver(UUID deletionId) {
        quotaWaits.pipeInput(record(deletionId.toString(), null, new RecordHeaders()));
    }

    void pipeRawLifecycle(String key, byte[] value, Headers headers) {
        lifecycle.pipeInput(record(key, value, headers));
    }

    void pipeRawDeadLetter(String key, byte[] value, Headers headers) {
        deadLetters.pipeInput(record(key, value, headers));
    }

    TrackingQueries queries() {
        return new TrackingQueries(stores(), settings);
    }

    TrackingQueries.StoreLookup stores() {
        return driver::getKeyValueStore;
    }

    List<DeletionStatus> statusValues() {
        return statuses.readValuesToList();
    }

    static Headers cloudEventHeaders(Object event) {
        Headers headers = new RecordHeaders();
        ContractCloudEvents.writeTo(headers, ContractCloudEvents.of(event, "/test", START));
        return headers;
    }

    static byte[] json(Object event) {
        return EventJson.mapper().writeValueAsBytes(event);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private TestRecord<String, byte[]> record(String key, byte[] value, Headers headers) {
        return new TestRecord<>(key, value, headers, now);
    }

    private TestInputTopic<String, byte[]> rawInput(Topic<String, ?> topic) {
        return driver.createInputTopic(
                topic.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(
                topic.name(),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    /** Under {@code target/}, not the OS temp dir, which the OS may clear under a running store. */
    private static Path newStateDir() {
        try {
            Path parent = Files.createDirectories(Path.of("target", "streams-state"));
            return Files.createTempDirectory(parent, "tracking-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
