package dev.deletionpipeline.endtoend;

import static dev.deletionpipeline.endtoend.Eventually.eventually;
import static dev.deletionpipeline.endtoend.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.OrphanDetected;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;

/**
 * A legal hold on the built stack: placed on a calendar before the grace period of its deletion ends, it keeps every
 * held block's Google event live (no delete call in the stand-in's log) and its row present past the reconciler's
 * deadline, with status HELD and no {@code OrphanDetected}; its release lets every block be deleted and confirmed.
 */
@ExtendWith(EndToEndStack.Resolver.class)
class LegalHoldEndToEndIT {

    /** The stand-in's fault lock of {@link PipelineEndToEndIT}: this scenario needs Google to answer. */
    private static final String GOOGLE = "google-stand-in-faults";

    private static final int BLOCKS = 3;

    /** What a check past the deadline adds to deadline + one punctuation: scheduling and the relay's lag. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    private final Clients clients;
    private final PipelineTopics topics;
    private final Outcomes outcomes;

    LegalHoldEndToEndIT(EndToEndStack stack) {
        this.clients = stack.clients();
        this.topics = stack.topics();
        this.outcomes = stack.outcomes();
    }

    @Test
    @ResourceLock(value = GOOGLE, mode = ResourceAccessMode.READ)
    void aHoldKeepsGoogleEventsAndRowsPastTheDeadlineWithoutAlarmAndItsReleaseConfirmsThemAll() {
        UUID owner = clients.createOwner("e2e-hold");
        String token = clients.database().signIn(owner);
        String calendar = "e2e-hold-" + UUID.randomUUID().toString().substring(0, 8);
        Map<UUID, String> blocks = new HashMap<>();
        for (int i = 0; i < BLOCKS; i++) {
            String event = StandIn.newEventId();
            blocks.put(clients.createSyncedBlock(token, calendar, event, null), event);
        }
        Set<String> events = new HashSet<>(blocks.values());

        JsonNode accepted = clients.api()
                .post("/v1/deletions", token, Map.of("calendarId", calendar))
                .expect(202);
        UUID deletion = UUID.fromString(accepted.get("deletionId").asString());
        JsonNode hold = clients.api()
                .post(
                        "/v1/admin/holds",
                        clients.adminToken(),
                        Map.of("ownerId", owner, "calendarId", calendar, "reason", "e2e: litigation hold"))
                .expect(201);
        Instant purgeAfter = Instant.parse(
                clients.deletion(token, deletion).get("purgeAfter").asString());
        assertThat(Instant.now())
                .as("the hold was placed within the grace period")
                .isBefore(purgeAfter);

        eventually().untilAsserted(() -> outcomes.assertStates(blocks.keySet(), DeletionState.HELD));
        Instant pastDeadline = purgeAfter
                .plus(EndToEndStack.RECONCILER_DEADLINE)
                .plus(EndToEndStack.PUNCTUATION_INTERVAL)
                .plus(SLACK);
        within(Duration.between(Instant.now(), pastDeadline).plus(Duration.ofMinutes(1)))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertHeld(calendar, blocks, events);
                    return Instant.now().isAfter(pastDeadline);
                });
        assertThat(clients.deletion(token, deletion).get("counts").get("HELD").asLong())
                .isEqualTo(BLOCKS);
        assertThat(clients.api()
                        .get("/v1/admin/holds/" + hold.get("id").asString(), clients.adminToken())
                        .expect(200)
                        .get("heldBlocks")
                        .asLong())
                .isEqualTo(BLOCKS);

        clients.api()
                .delete(
                        "/v1/admin/holds/" + hold.get("id").asString() + "?reason=e2e%3A%20case%20closed",
                        clients.adminToken())
                .expect(200);

        within(Duration.ofMinutes(2)).untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed(calendar, blocks));
        assertThat(orphansOf(blocks.keySet()))
                .as("OrphanDetected for the held blocks")
                .isEmpty();
    }

    private void assertHeld(String calendar, Map<UUID, String> blocks, Set<String> events) {
        assertThat(clients.database().blocks(blocks.keySet()).keySet())
                .as("rows still present")
                .containsExactlyInAnyOrderElementsOf(blocks.keySet());
        Map<String, JsonNode> atGoogle = clients.standIn().events(calendar);
        assertThat(events)
                .as("Google events still live")
                .allMatch(event -> atGoogle.containsKey(event) && Outcomes.deletedAt(atGoogle, event) == null);
        assertThat(clients.standIn().deleteCalls(events))
                .as("Google delete calls")
                .isEmpty();
        assertThat(orphansOf(blocks.keySet()))
                .as("OrphanDetected for the held blocks")
                .isEmpty();
        outcomes.assertStates(blocks.keySet(), DeletionState.HELD);
    }

    private List<OrphanDetected> orphansOf(Set<UUID> blocks) {
        return topics.orphans().stream()
                .filter(orphan -> blocks.contains(orphan.blockId()))
                .collect(Collectors.toList());
    }
}
