package dev.deletionpipeline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.endtoend.Database.Receipt;
import dev.deletionpipeline.endtoend.PipelineTopics.Confirmation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The end of a scenario, checked the same way every time: the database, the stand-in's events and call log, and the
 * pipeline's topics must all tell the same story about each block. Each method throws an {@link AssertionError} on the
 * first disagreement, so it can be polled with Awaitility's {@code untilAsserted}.
 *
 * <p>Blocks are given as block id → Google event id (null for a block never synced to Google).
 */
final class Outcomes {

    private final Database database;
    private final StandIn standIn;
    private final PipelineTopics topics;

    Outcomes(Database database, StandIn standIn, PipelineTopics topics) {
        this.database = database;
        this.standIn = standIn;
        this.topics = topics;
    }

    /**
     * Gone from the database with a receipt; the Google event deleted at Google before the row went (never the other
     * way round); status CONFIRMED; exactly one {@code HardDeleteConfirmed} per block, whose id is the receipt's.
     */
    void assertHardDeletedAndConfirmed(String calendarId, Map<UUID, String> blocks) {
        assertThat(database.blocks(blocks.keySet()).keySet())
                .as("rows still in blocks")
                .isEmpty();
        Map<UUID, Receipt> receipts = database.receipts(blocks.keySet());
        assertThat(receipts.keySet()).as("blocks with a receipt").containsExactlyInAnyOrderElementsOf(blocks.keySet());
        Map<String, JsonNode> events = standIn.events(calendarId);
        blocks.forEach((block, event) -> {
            if (event != null) {
                Instant deletedAtGoogle = deletedAt(events, event);
                assertThat(deletedAtGoogle)
                        .as("Google event %s of block %s deleted", event, block)
                        .isNotNull();
                assertThat(deletedAtGoogle)
                        .as("Google event %s deleted before block %s left the database", event, block)
                        .isBeforeOrEqualTo(receipts.get(block).hardDeletedAt());
            }
        });
        assertStates(blocks.keySet(), DeletionState.CONFIRMED);
        Map<UUID, List<Confirmation>> confirmations = topics.confirmations();
        for (UUID block : blocks.keySet()) {
            List<Confirmation> records = confirmations.getOrDefault(block, List.of());
            assertThat(records)
                    .as("HardDeleteConfirmed records of block %s", block)
                    .hasSize(1);
            Confirmation confirmation = records.get(0);
            assertThat(confirmation.cloudEventId())
                    .as("ce_id of the confirmation of block %s", block)
                    .isEqualTo(confirmation.event().eventId())
                    .isEqualTo(receipts.get(block).confirmationId());
        }
    }

    /** Back in the database as live rows, their Google events never touched, status RESTORED, nothing confirmed. */
    void assertRestored(String calendarId, Map<UUID, String> blocks) {
        assertLiveAndUntouchedAtGoogle(calendarId, blocks);
        assertStates(blocks.keySet(), DeletionState.RESTORED);
        assertNoConfirmations(blocks.keySet());
    }

    /**
     * Live rows, Google events untouched, and nothing about them on the pipeline's topics: a deletion that was undone
     * before it was announced (a withdrawal restored within its window).
     */
    void assertNeverAnnounced(String calendarId, Map<UUID, String> blocks) {
        assertLiveAndUntouchedAtGoogle(calendarId, blocks);
        Map<UUID, DeletionStatus> statuses = topics.statuses();
        assertThat(blocks.keySet()).as("blocks with a deletion status").noneMatch(statuses::containsKey);
        assertNoConfirmations(blocks.keySet());
    }

    /** Every Google delete of these events came at or after the instant (e.g. the end of a grace period). */
    void assertNoGoogleDeleteBefore(Instant instant, Set<String> events) {
        for (JsonNode call : standIn.deleteCalls(events)) {
            assertThat(Instant.parse(call.get("at").asString()))
                    .as("Google delete of %s", call.path("eventId").asString())
                    .isAfterOrEqualTo(instant);
        }
    }

    /** The latest {@code deletion.status.v1} record of each block has this state. */
    void assertStates(Set<UUID> blocks, DeletionState expected) {
        Map<UUID, DeletionStatus> statuses = topics.statuses();
        for (UUID block : blocks) {
            assertThat(statuses.get(block))
                    .as("latest status of block %s", block)
                    .isNotNull()
                    .extracting(DeletionStatus::state)
                    .isEqualTo(expected);
        }
    }

    private void assertLiveAndUntouchedAtGoogle(String calendarId, Map<UUID, String> blocks) {
        Map<UUID, Database.BlockRow> rows = database.blocks(blocks.keySet());
        assertThat(rows.keySet()).as("rows in blocks").containsExactlyInAnyOrderElementsOf(blocks.keySet());
        assertThat(rows.values()).as("rows live again").allMatch(Database.BlockRow::live);
        Set<String> events = blocks.values().stream().filter(Objects::nonNull).collect(Collectors.toSet());
        Map<String, JsonNode> atGoogle = standIn.events(calendarId);
        assertThat(events)
                .as("Google events still live")
                .allMatch(event -> atGoogle.containsKey(event) && deletedAt(atGoogle, event) == null);
        assertThat(standIn.deleteCalls(events)).as("Google delete calls").isEmpty();
    }

    private void assertNoConfirmations(Set<UUID> blocks) {
        Map<UUID, List<Confirmation>> confirmations = topics.confirmations();
        assertThat(blocks).as("blocks with a HardDeleteConfirmed").noneMatch(confirmations::containsKey);
        assertThat(database.receipts(blocks)).as("receipts").isEmpty();
    }

    /** When the stand-in deleted the event (itself or with its series), or null while it is live or unknown. */
    static Instant deletedAt(Map<String, JsonNode> events, String eventId) {
        JsonNode event = events.get(eventId);
        if (event == null || absent(event.path("deletedAt"))) {
            return null;
        }
        return Instant.parse(event.get("deletedAt").asString());
    }

    /** A JSON field that is null or left out (the stand-in and the services leave nulls out). */
    static boolean absent(JsonNode field) {
        return field.isNull() || field.isMissingNode();
    }
}
