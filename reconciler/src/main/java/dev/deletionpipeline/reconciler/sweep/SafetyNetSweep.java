package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanDetected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One run of the safety net: asks every {@link SweepRule} for its findings (in rule order, actionable
 * ones before report-only ones, at most {@code maxRows} in all), lets the {@link BlastRadiusGuard} weigh what the rules would change, then acts on each
 * finding in its own transaction — or, in a dry run or after a refusal, changes nothing — and reports every finding
 * with the action taken through the {@link OrphanReporter}. A finding whose row no longer qualifies when its turn comes
 * (a worker or a restore got there first) is dropped silently; one that fails is reported as {@code REPORTED} with the
 * error and the sweep goes on.
 */
final class SafetyNetSweep {

    private static final Logger log = LoggerFactory.getLogger(SafetyNetSweep.class);

    private final List<SweepRule> rules;
    private final BlastRadiusGuard guard;
    private final OrphanReporter reporter;
    private final TransactionTemplate transactions;
    private final SweepSettings settings;
    private final Clock clock;
    private final Counter failures;

    SafetyNetSweep(
            List<SweepRule> rules,
            BlastRadiusGuard guard,
            OrphanReporter reporter,
            TransactionTemplate transactions,
            SweepSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.rules = List.copyOf(rules);
        this.guard = guard;
        this.reporter = reporter;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.failures = Counter.builder("deletion.reconciler.sweep.action.failures")
                .description("Findings of the safety-net sweep whose action failed")
                .register(meters);
    }

    SweepResult run() {
        Instant now = clock.instant();
        Map<Finding, SweepRule> findings = findings(now);
        Optional<String> refusal = guard.refusal(plannedChanges(now));
        List<OrphanDetected> reports = new ArrayList<>();
        findings.forEach((finding, rule) -> handle(finding, rule, refusal, now).ifPresent(reports::add));
        reporter.flush();
        return new SweepResult(refusal.orElse(null), reports);
    }

    /** Every rule's actionable findings first, then the report-only ones, at most {@code maxRows} in all. */
    private Map<Finding, SweepRule> findings(Instant now) {
        Set<UUID> blocks = new HashSet<>();
        Map<Finding, SweepRule> ruleOf = new LinkedHashMap<>();
        for (boolean actionable : new boolean[] {true, false}) {
            for (SweepRule rule : rules) {
                int left = settings.maxRows() - ruleOf.size();
                if (left <= 0) {
                    return ruleOf;
                }
                List<Finding> found = actionable ? rule.findActionable(now, left) : rule.findReportOnly(now, left);
                // a block that is both a chain leftover and an orphan child is handled once, by the first rule
                found.stream()
                        .filter(finding -> blocks.add(finding.blockId()))
                        .forEach(finding -> ruleOf.put(finding, rule));
            }
        }
        return ruleOf;
    }

    private long plannedChanges(Instant now) {
        return rules.stream().mapToLong(rule -> rule.countChanges(now)).sum();
    }

    private Optional<OrphanDetected> handle(Finding finding, SweepRule rule, Optional<String> refusal, Instant now) {
        if (refusal.isPresent()) {
            return Optional.of(reportOnly(finding, refusal.get() + "; " + finding.reason(), now));
        }
        if (!finding.changesDatabase()) {
            return Optional.of(reportOnly(finding, finding.reason(), now));
        }
        if (settings.dryRun()) {
            return Optional.of(
                    reportOnly(finding, "dry run, would be " + finding.plannedAction() + ": " + finding.reason(), now));
        }
        return act(finding, rule, now);
    }

    private Optional<OrphanDetected> act(Finding finding, SweepRule rule, Instant now) {
        try {
            Optional<Finding> done = transactions.execute(status -> rule.apply(finding, now));
            if (done == null || done.isEmpty()) {
                log.debug("Block {} no longer qualifies as {}; left alone", finding.blockId(), finding.type());
                return Optional.empty();
            }
            return Optional.of(reporter.report(
                    done.get(), finding.plannedAction(), done.get().reason(), now));
        } catch (RuntimeException e) {
            failures.increment();
            log.error("Safety-net sweep could not act on block {} ({})", finding.blockId(), finding.type(), e);
            String reason = finding.plannedAction() + " failed (" + e.getMessage() + "): " + finding.reason();
            return Optional.of(reportOnly(finding, reason, now));
        }
    }

    private OrphanDetected reportOnly(Finding finding, String reason, Instant now) {
        return reporter.report(finding, OrphanAction.REPORTED, reason, now);
    }
}
