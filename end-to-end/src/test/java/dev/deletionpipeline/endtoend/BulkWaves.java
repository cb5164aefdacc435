package dev.deletionpipeline.endtoend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * A bulk deletion sent in waves: one owner with a calendar of synced blocks per wave (events inserted at the Google
 * stand-in, rows seeded by SQL as a calendar sync would), and one {@code POST /v1/deletions {calendarId}} per wave, so
 * that a suite can keep deletions flowing through every stage while it injects one fault after another.
 */
final class BulkWaves {

    private final Clients clients;
    private final String token;
    private final List<String> calendars = new ArrayList<>();
    private final Map<UUID, String> blocks = new HashMap<>();
    private final List<UUID> deletions = new ArrayList<>();

    private BulkWaves(Clients clients, String token) {
        this.clients = clients;
        this.token = token;
    }

    /** Sets up {@code waves} calendars of {@code size} synced blocks each, of one new owner. */
    static BulkWaves prepare(Clients clients, String prefix, int waves, int size) {
        UUID owner = clients.createOwner(prefix);
        BulkWaves bulk = new BulkWaves(clients, clients.database().signIn(owner));
        for (int wave = 0; wave < waves; wave++) {
            String calendar = prefix + "-wave-" + wave;
            List<String> events =
                    IntStream.range(0, size).mapToObj(i -> StandIn.newEventId()).toList();
            clients.standIn().insertEvents(calendar, events);
            List<UUID> ids = clients.database().insertSyncedBlocks(owner, calendar, events);
            IntStream.range(0, ids.size()).forEach(i -> bulk.blocks.put(ids.get(i), events.get(i)));
            bulk.calendars.add(calendar);
        }
        return bulk;
    }

    String token() {
        return token;
    }

    /** Soft-deletes the next calendar in one request; returns its deletion id. */
    synchronized UUID sendNextWave(ApiProbe probe) {
        String path = "/v1/deletions";
        RestClient.Answer answer =
                clients.api().post(path, token, Map.of("calendarId", calendars.get(deletions.size())));
        probe.record(path, answer.status());
        JsonNode accepted = answer.expect(202);
        UUID deletion = UUID.fromString(accepted.get("deletionId").asString());
        deletions.add(deletion);
        return deletion;
    }

    /** The latest wave's progress, for a probe to read; before the first wave, the owner's own blocks. */
    synchronized String latestDeletionPath() {
        return deletions.isEmpty()
                ? "/v1/blocks?calendarId=" + calendars.get(0)
                : "/v1/deletions/" + deletions.get(deletions.size() - 1) + "?size=1";
    }

    /** How many blocks of the deletion the worker has hard-deleted so far (its receipts). */
    long hardDeleted(UUID deletion) {
        return clients.database().count("SELECT count(*) FROM deletion_receipts WHERE deletion_id = ?", deletion);
    }

    int sent() {
        return deletions.size();
    }

    /** Every block of every wave, block id → Google event id; once all waves are sent. */
    synchronized Map<UUID, String> blocks() {
        if (deletions.size() != calendars.size()) {
            throw new IllegalStateException(deletions.size() + " of " + calendars.size() + " waves sent");
        }
        return Map.copyOf(blocks);
    }
}
