package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanDetected;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one sweep did.
 *
 * @param abortReason nullable: why the blast-radius guard refused the sweep; null when it ran
 * @param reports every finding as reported, with the action taken
 */
record SweepResult(String abortReason, List<OrphanDetected> reports) {

    SweepResult {
        reports = List.copyOf(reports);
    }

    boolean aborted() {
        return abortReason != null;
    }

    /** The action reported for a block, if the sweep reported it. */
    Optional<OrphanAction> actionOn(UUID blockId) {
        return reports.stream()
                .filter(report -> report.blockId().equals(blockId))
                .map(OrphanDetected::action)
                .findFirst();
    }

    Map<OrphanAction, Long> countsByAction() {
        return reports.stream().collect(Collectors.groupingBy(OrphanDetected::action, Collectors.counting()));
    }

    /** The reports by block id. */
    Map<UUID, OrphanDetected> byBlock() {
        return reports.stream().collect(Collectors.toMap(OrphanDetected::blockId, Function.identity(), (a, b) -> a));
    }
}
