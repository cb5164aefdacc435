package dev.deletionpipeline.reconciler.sweep;

import static dev.deletionpipeline.common.events.OrphanAction.REMOVED;
import static dev.deletionpipeline.common.events.OrphanAction.REPORTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** The sweep's orchestration with stand-in rules: limits, order, de-duplication, failures, dry run. */
class SafetyNetSweepTest {

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final UUID OWNER = UUID.randomUUID();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MockProducer<String, OrphanDetected> producer = new MockProducer<>(
            true,
            null,
            Topics.DELETION_ORPHANS.keySerde().serializer(),
            Topics.DELETION_ORPHANS.valueSerde().serializer());

    @Test
    void actionableFindingsOfEveryRuleComeBeforeReportOnlyOnesWithinMaxRows() {
        StandInRule first = new StandInRule(OrphanType.CHAIN_LEFTOVER, 0, 5);
        StandInRule second = new StandInRule(OrphanType.ORPHAN_CHILD, 2, 5);

        SweepResult result = sweep(SweepSettings.defaults().withDryRun(false).withMaxRows(4), first, second)
                .run();

        assertThat(result.reports())
                .extracting(OrphanDetected::type, OrphanDetected::action)
                .containsExactly(
                        tuple(OrphanType.ORPHAN_CHILD, REMOVED),
                        tuple(OrphanType.ORPHAN_CHILD, REMOVED),
                        tuple(OrphanType.CHAIN_LEFTOVER, REPORTED),
                        tuple(OrphanType.CHAIN_LEFTOVER, REPORTED));
        assertThat(producer.history()).hasSize(4);
    }

    @Test
    void aBlockFoundByTwoRulesIsHandledOnceByTheFirst() {
        StandInRule first = new StandInRule(OrphanType.CHAIN_LEFTOVER, 1, 0);
        StandInRule second = new StandInRule(OrphanType.ORPHAN_CHILD, 0, 0);
        second.actionable.add(first.actionable.get(0).withReason("also an orphan child"));

        SweepResult result =
                sweep(SweepSettings.defaults().withDryRun(false), first, second).run();

        assertThat(result.reports())
                .singleElement()
                .extracting(OrphanDetected::type)
                .isEqualTo(OrphanType.CHAIN_LEFTOVER);
        assertThat(second.applied).isEmpty();
    }

    @Test
    void aFailedActionIsReportedAndTheSweepGoesOn() {
        StandInRule rule = new StandInRule(OrphanType.ORPHAN_CHILD, 2, 0);
        rule.failing.add(rule.actionable.get(0).blockId());

        SweepResult result =
                sweep(SweepSettings.defaults().withDryRun(false), rule).run();

        assertThat(result.actionOn(rule.actionable.get(0).blockId())).contains(REPORTED);
        assertThat(result.reports().get(0).reason()).startsWith("REMOVED failed (database went away)");
        assertThat(result.actionOn(rule.actionable.get(1).blockId())).contains(REMOVED);
        assertThat(meters.counter("deletion.reconciler.sweep.action.failures").count())
                .isEqualTo(1);
    }

    @Test
    void aFindingThatNoLongerQualifiesIsNeitherChangedNorReported() {
        StandInRule rule = new StandInRule(OrphanType.EXPIRED_CLAIM, 1, 0);
        rule.resolvedMeanwhile.add(rule.actionable.get(0).blockId());

        SweepResult result =
                sweep(SweepSettings.defaults().withDryRun(false), rule).run();

        assertThat(result.reports()).isEmpty();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aDryRunAppliesNothingAndReportsWhatItWouldDo() {
        StandInRule rule = new StandInRule(OrphanType.ORPHAN_CHILD, 1, 1);

        SweepResult result =
                sweep(SweepSettings.defaults().withDryRun(true), rule).run();

        assertThat(rule.applied).isEmpty();
        assertThat(result.reports()).extracting(OrphanDetected::action).containsOnly(REPORTED);
        assertThat(result.reports().get(0).reason()).startsWith("dry run, would be REMOVED");
        assertThat(meters.counter("deletion.reconciler.sweep.findings", "type", "ORPHAN_CHILD", "action", "REPORTED")
                        .count())
                .isEqualTo(2);
    }

    private SafetyNetSweep sweep(SweepSettings settings, SweepRule... rules) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new SafetyNetSweep(
                List.of(rules),
                new BlastRadiusGuard(() -> 1_000, settings.maxShare(), meters),
                new OrphanReporter(producer, Topics.DELETION_ORPHANS.name(), meters, clock),
                new TransactionTemplate(new NoTransactions()),
                settings,
                clock,
                meters);
    }

    /** A rule with canned findings that records what it was asked to apply. */
    private static final class StandInRule implements SweepRule {

        private final OrphanType type;
        final List<Finding> actionable = new ArrayList<>();
        final List<Finding> reportOnly = new ArrayList<>();
        final List<Finding> applied = new ArrayList<>();
        final Set<UUID> failing = new HashSet<>();
        final Set<UUID> resolvedMeanwhile = new HashSet<>();

        StandInRule(OrphanType type, int actionableCount, int reportOnlyCount) {
            this.type = type;
            for (int i = 0; i < actionableCount; i++) {
                actionable.add(finding(REMOVED));
            }
            for (int i = 0; i < reportOnlyCount; i++) {
                reportOnly.add(finding(REPORTED));
            }
        }

        private Finding finding(OrphanAction action) {
            return new Finding(type, action, UUID.randomUUID(), null, OWNER, type + " found");
        }

        @Override
        public OrphanType type() {
            return type;
        }

        @Override
        public List<Finding> findActionable(Instant now, int limit) {
            return actionable.stream().limit(limit).toList();
        }

        @Override
        public List<Finding> findReportOnly(Instant now, int limit) {
            return reportOnly.stream().limit(limit).toList();
        }

        @Override
        public long countChanges(Instant now) {
            return actionable.size();
        }

        @Override
        public Optional<Finding> apply(Finding finding, Instant now) {
            if (failing.contains(finding.blockId())) {
                throw new IllegalStateException("database went away");
            }
            if (resolvedMeanwhile.contains(finding.blockId())) {
                return Optional.empty();
            }
            applied.add(finding);
            return Optional.of(finding);
        }
    }

    private static final class NoTransactions implements PlatformTransactionManager {

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {}

        @Override
        public void rollback(TransactionStatus status) {}
    }
}
