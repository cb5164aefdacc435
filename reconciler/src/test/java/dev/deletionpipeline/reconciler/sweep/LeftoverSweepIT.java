package dev.deletionpipeline.reconciler.sweep;

import static dev.deletionpipeline.common.events.OrphanAction.REMOVED;
import static dev.deletionpipeline.common.events.OrphanAction.REPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orphan children and recurring-chain leftovers: found, reported, and removed only when provably gone at Google. */
class LeftoverSweepIT {

    private static final String SERIES_LIVE = "series-live";
    private static final String SERIES_GONE = "series-gone";
    private static final String SERIES_UNPROVEN = "series-unproven";
    private static final String SERIES_ALREADY_GONE = "series-already-gone";

    private SweepHarness harness;
    private SweepDatabase data;
    private UUID owner;

    // must stay
    private final List<UUID> untouched = new ArrayList<>();
    // removable: no Google event, or the series provably deleted at Google
    private UUID orphanWithoutEvent;
    private UUID leftoverOfGoneSeries;
    private UUID otherLeftoverOfGoneSeries;
    // reported only
    private UUID orphanWithEvent;
    private UUID instanceOfUnprovenSeries;
    private UUID instanceOfSeriesOnlyAlreadyGone;
    private UUID instanceResyncedAfterSeriesDeletion;
    private UUID instanceOnAnotherCalendar;

    @BeforeEach
    void seed() {
        harness = new SweepHarness("sweep_leftovers");
        data = harness.data;
        owner = data.owner();
        UUID parent = data.live(owner);
        untouched.add(parent);
        untouched.add(data.block(owner).childOf(parent).googleEvent(null, null).insert(data.jdbc));
        untouched.add(data.series(owner, "cal-main", SERIES_LIVE));
        untouched.add(data.instanceOf(owner, "cal-main", SERIES_LIVE).insert(data.jdbc));
        for (int i = 0; i < 4; i++) {
            untouched.add(data.live(owner));
        }

        orphanWithoutEvent = data.block(owner)
                .childOf(UUID.randomUUID())
                .googleEvent(null, null)
                .insert(data.jdbc);
        orphanWithEvent = data.block(owner).childOf(UUID.randomUUID()).insert(data.jdbc);

        data.seriesReceipt(owner, "cal-main", SERIES_GONE, SweepHarness.NOW.minus(Duration.ofHours(2)));
        leftoverOfGoneSeries = data.instanceOf(owner, "cal-main", SERIES_GONE).insert(data.jdbc);
        otherLeftoverOfGoneSeries =
                data.instanceOf(owner, "cal-main", SERIES_GONE).insert(data.jdbc);
        instanceResyncedAfterSeriesDeletion = data.instanceOf(owner, "cal-main", SERIES_GONE)
                .updatedAt(SweepHarness.NOW.minus(Duration.ofHours(1)))
                .insert(data.jdbc);
        instanceOnAnotherCalendar =
                data.instanceOf(owner, "cal-other", SERIES_GONE).insert(data.jdbc);
        instanceOfUnprovenSeries =
                data.instanceOf(owner, "cal-main", SERIES_UNPROVEN).insert(data.jdbc);
        // a 404 taken as "already gone" says the series was not where we looked, not that Google deleted it
        data.seriesReceipt(
                owner,
                "cal-main",
                SERIES_ALREADY_GONE,
                SweepHarness.NOW.minus(Duration.ofHours(2)),
                HardDeleteOutcome.ALREADY_GONE);
        instanceOfSeriesOnlyAlreadyGone =
                data.instanceOf(owner, "cal-main", SERIES_ALREADY_GONE).insert(data.jdbc);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void dryRunReportsEveryLeftoverAndChangesNothing() {
        String before = data.digest();

        SweepResult result =
                harness.sweep(SweepHarness.realRun().withDryRun(true)).run();

        assertThat(data.digest()).isEqualTo(before);
        assertThat(result.aborted()).isFalse();
        assertThat(result.byBlock().keySet()).containsExactlyInAnyOrderElementsOf(leftovers());
        assertThat(result.reports())
                .allSatisfy(report -> assertThat(report.action()).isEqualTo(REPORTED));
        assertThat(result.byBlock().get(orphanWithoutEvent).reason()).startsWith("dry run, would be REMOVED");
        assertThat(result.byBlock().get(leftoverOfGoneSeries).reason()).startsWith("dry run, would be REMOVED");
        assertThat(harness.findings(OrphanType.CHAIN_LEFTOVER, REPORTED)).isEqualTo(6);
        assertThat(harness.findings(OrphanType.ORPHAN_CHILD, REPORTED)).isEqualTo(2);
    }

    @Test
    void realRunRemovesOnlyLeftoversWhoseGoogleEventIsProvablyGone() {
        harness.sweep(SweepHarness.realRun().withDryRun(true)).run();

        SweepResult result = harness.sweep(SweepHarness.realRun()).run();

        assertThat(removedOf(result))
                .containsExactlyInAnyOrder(orphanWithoutEvent, leftoverOfGoneSeries, otherLeftoverOfGoneSeries);
        assertThat(List.of(orphanWithoutEvent, leftoverOfGoneSeries, otherLeftoverOfGoneSeries))
                .noneMatch(data::exists);
        assertThat(untouched).allMatch(data::exists);
        assertThat(reportedOnly()).allMatch(data::exists);
        assertThat(reportedOnly())
                .allSatisfy(block -> assertThat(result.actionOn(block)).contains(REPORTED));
        assertThat(harness.findings(OrphanType.ORPHAN_CHILD, REMOVED)).isEqualTo(1);
        assertThat(harness.findings(OrphanType.CHAIN_LEFTOVER, REMOVED)).isEqualTo(2);
        assertThat(result.byBlock().get(instanceOfSeriesOnlyAlreadyGone).reason())
                .contains("ALREADY_GONE receipt, not proof");
    }

    @Test
    void everyFindingReachesTheOrphansTopicWithCloudEventsHeaders() {
        SweepResult result = harness.sweep(SweepHarness.realRun()).run();

        try (OrphanTopicReader topic = new OrphanTopicReader(SweepHarness.bootstrapServers())) {
            List<ConsumerRecord<String, OrphanDetected>> records =
                    topic.awaitRecords(leftovers(), leftovers().size());

            assertThat(records).hasSize(leftovers().size());
            assertThat(records.stream().map(ConsumerRecord::value).toList())
                    .containsExactlyInAnyOrderElementsOf(result.reports());
            assertThat(records).allSatisfy(record -> {
                assertThat(record.key()).isEqualTo(record.value().blockId().toString());
                CloudEvent attributes =
                        ContractCloudEvents.readFrom(record.headers()).orElseThrow();
                assertThat(attributes.getId())
                        .isEqualTo(record.value().eventId().toString());
                assertThat(attributes.getType()).isEqualTo(EventTypes.typeOf(OrphanDetected.class));
                assertThat(attributes.getSource()).hasToString("/reconciler");
                assertThat(attributes.getTime().toInstant()).isEqualTo(SweepHarness.NOW);
                assertThat(new String(
                                record.headers()
                                        .lastHeader(CloudEventHeaders.CONTENT_TYPE)
                                        .value(),
                                StandardCharsets.UTF_8))
                        .isEqualTo(CloudEventHeaders.JSON);
            });
        }
    }

    @Test
    void maxRowsBoundsEachSweepAndTheRestWaitsForTheNext() {
        SweepSettings twoRows = SweepHarness.realRun().withMaxRows(2);

        SweepResult first = harness.sweep(twoRows).run();
        SweepResult second = harness.sweep(twoRows).run();

        // removable findings come first, so two sweeps remove the three removable leftovers and report one more
        assertThat(first.reports()).hasSize(2);
        assertThat(second.reports()).hasSize(2);
        assertThat(removedOf(first)).hasSize(2);
        assertThat(List.of(orphanWithoutEvent, leftoverOfGoneSeries, otherLeftoverOfGoneSeries))
                .noneMatch(data::exists);
        assertThat(untouched).allMatch(data::exists);
    }

    @Test
    void blastRadiusGuardRefusesAnOversizedSweepAndReportsTheAbort() {
        String before = data.digest();
        // 3 removable of 16 blocks is 19%: far above 5%
        SweepResult result =
                harness.sweep(SweepHarness.realRun().withMaxShare(0.05)).run();

        assertThat(data.digest()).isEqualTo(before);
        assertThat(result.aborted()).isTrue();
        assertThat(result.abortReason()).contains("3 of 16 blocks");
        assertThat(result.byBlock().keySet()).containsExactlyInAnyOrderElementsOf(leftovers());
        assertThat(result.reports()).allSatisfy(report -> {
            assertThat(report.action()).isEqualTo(REPORTED);
            assertThat(report.reason()).startsWith("blast-radius guard");
        });
        assertThat(harness.counter("deletion.reconciler.sweep.aborted")).isEqualTo(1);
        try (OrphanTopicReader topic = new OrphanTopicReader(SweepHarness.bootstrapServers())) {
            assertThat(topic.awaitRecords(leftovers(), leftovers().size()))
                    .extracting(record -> record.value().reason())
                    .allMatch(reason -> reason.startsWith("blast-radius guard"));
        }
    }

    private List<UUID> reportedOnly() {
        return List.of(
                orphanWithEvent,
                instanceOfUnprovenSeries,
                instanceOfSeriesOnlyAlreadyGone,
                instanceResyncedAfterSeriesDeletion,
                instanceOnAnotherCalendar);
    }

    private List<UUID> leftovers() {
        List<UUID> all = new ArrayList<>(reportedOnly());
        all.addAll(List.of(orphanWithoutEvent, leftoverOfGoneSeries, otherLeftoverOfGoneSeries));
        return all;
    }

    private static List<UUID> removedOf(SweepResult result) {
        Map<UUID, OrphanDetected> byBlock = result.byBlock();
        return byBlock.values().stream()
                .filter(report -> report.action() == REMOVED)
                .map(OrphanDetected::blockId)
                .collect(Collectors.toList());
    }
}
