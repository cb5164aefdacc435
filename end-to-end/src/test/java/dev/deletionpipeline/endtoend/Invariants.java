package dev.deletionpipeline.endtoend;

import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.endtoend.Database.BlockRow;
import dev.deletionpipeline.endtoend.Database.Receipt;
import dev.deletionpipeline.endtoend.PipelineTopics.Confirmation;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The three promises of the pipeline, counted over every block a suite soft-deleted, from the database, the Google
 * stand-in's call log and the pipeline's topics (never from the services' own view):
 *
 * <ul>
 *   <li><b>lost</b>: a block that is neither hard-deleted with a receipt and a {@code HardDeleteConfirmed} on the
 *       topic, nor restored (a live row again), nor dead-lettered ({@code FAILED} with a reason and a dead-letter
 *       record);
 *   <li><b>premature</b>: a hard-deleted block whose Google event the stand-in had not answered deleted (204) or already
 *       gone (404, 410) before the worker's receipt says the row left the database;
 *   <li><b>duplicated</b>: a block with more than one confirmation event id on {@code blocks.hard-delete-confirmed.v1}
 *       (the same id twice is a redelivery, which consumers de-duplicate).
 * </ul>
 *
 * <p>Besides, the reconciler must agree: the latest {@code deletion.status.v1} of each block is the outcome the database
 * shows ({@code CONFIRMED}, {@code RESTORED} or {@code FAILED}).
 */
final class Invariants {

    private static final Set<Integer> GONE_AT_GOOGLE = Set.of(204, 404, 410);
    private static final int EXAMPLES = 5;

    /** The counts, the outcomes, and a few examples of each violation for the report. */
    record Verdict(
            int blocks,
            int confirmed,
            int restored,
            int deadLettered,
            int lost,
            int premature,
            int duplicated,
            int reconcilerDisagrees,
            List<String> examples) {

        /** Nothing left in flight: every block has its outcome, and the reconciler's status agrees. */
        boolean settled() {
            return lost == 0 && reconcilerDisagrees == 0;
        }
    }

    private final Database database;
    private final PipelineTopics topics;

    Invariants(Database database, PipelineTopics topics) {
        this.database = database;
        this.topics = topics;
    }

    /**
     * @param blocks every block soft-deleted, block id → its Google event id (null for one never synced)
     * @param calls the stand-in's call log
     */
    Verdict check(Map<UUID, String> blocks, List<CallRecord> calls) {
        Map<UUID, BlockRow> rows = database.blocks(blocks.keySet());
        Map<UUID, Receipt> receipts = database.receipts(blocks.keySet());
        Map<UUID, String> failures = database.failureReasons(blocks.keySet());
        Map<UUID, List<Confirmation>> confirmations = topics.confirmations();
        Map<UUID, DeletionStatus> statuses = topics.statuses();
        Map<String, Instant> goneAtGoogle = firstGoneAnswers(
                calls, blocks.values().stream().filter(Objects::nonNull).collect(Collectors.toSet()));
        int confirmed = 0, restored = 0, deadLettered = 0, lost = 0, premature = 0, duplicated = 0, disagrees = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<UUID, String> block : blocks.entrySet()) {
            UUID id = block.getKey();
            BlockRow row = rows.get(id);
            Receipt receipt = receipts.get(id);
            Set<UUID> confirmationIds = confirmations.getOrDefault(id, List.of()).stream()
                    .map(Confirmation::cloudEventId)
                    .collect(Collectors.toSet());
            if (row == null && receipt != null && !confirmationIds.isEmpty()) {
                confirmed++;
                if (prematurelyRemoved(block.getValue(), receipt, goneAtGoogle)) {
                    premature++;
                    example(
                            examples,
                            "premature: block " + id + " event " + block.getValue() + ", hard-deleted at "
                                    + receipt.hardDeletedAt() + " (" + receipt.outcome() + "), Google's answers to its"
                                    + " deletes: " + deleteAnswers(calls, block.getValue()));
                }
            } else if (row != null && row.live()) {
                restored++;
            } else if (failures.get(id) != null
                    && !topics.deadLetterReasonsOf(id).isEmpty()) {
                deadLettered++;
            } else {
                lost++;
                example(examples, "lost: block " + id + " row " + row + " receipt " + receipt);
            }
            if (!reconcilerAgrees(statuses.get(id), row, receipt)) {
                disagrees++;
            }
            if (confirmationIds.size() > 1) {
                duplicated++;
                example(examples, "duplicated: block " + id + " confirmation ids " + confirmationIds);
            }
        }
        return new Verdict(
                blocks.size(),
                confirmed,
                restored,
                deadLettered,
                lost,
                premature,
                duplicated,
                disagrees,
                List.copyOf(examples));
    }

    /** The latest {@code deletion.status.v1} record says what the database says. */
    private static boolean reconcilerAgrees(DeletionStatus status, BlockRow row, Receipt receipt) {
        DeletionState expected;
        if (row == null && receipt != null) {
            expected = DeletionState.CONFIRMED;
        } else if (row != null && row.live()) {
            expected = DeletionState.RESTORED;
        } else if (row != null && "FAILED".equals(row.deletionState())) {
            expected = DeletionState.FAILED;
        } else {
            return false;
        }
        return status != null && status.state() == expected;
    }

    private static boolean prematurelyRemoved(String eventId, Receipt receipt, Map<String, Instant> goneAtGoogle) {
        if (eventId == null) {
            return false;
        }
        Instant answered = goneAtGoogle.get(eventId);
        return answered == null || answered.isAfter(receipt.hardDeletedAt());
    }

    /** What the stand-in's log holds for the deletes of one event: each call's status and when it was answered. */
    private static List<String> deleteAnswers(List<CallRecord> calls, String eventId) {
        return calls.stream()
                .filter(call -> call.method().equals("DELETE") && eventId.equals(call.eventId()))
                .map(call -> call.status() + " at " + call.answeredAt() + " (#" + call.sequence()
                        + (call.batchId() == null ? "" : ", batch " + call.batchId()) + ")")
                .toList();
    }

    /** Per event, when the stand-in first answered a delete of it with "deleted" or "already gone". */
    private static Map<String, Instant> firstGoneAnswers(List<CallRecord> calls, Set<String> eventIds) {
        Map<String, Instant> answered = new HashMap<>();
        for (CallRecord call : calls) {
            if (call.method().equals("DELETE")
                    && eventIds.contains(call.eventId())
                    && GONE_AT_GOOGLE.contains(call.status())) {
                Instant at = call.answeredAt();
                answered.merge(call.eventId(), at, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return answered;
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < EXAMPLES && Objects.nonNull(example)) {
            examples.add(example);
        }
    }
}
