package dev.deletionpipeline.worker.receipts;

import dev.deletionpipeline.common.events.DeletionCompleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.ReceiptBlock;
import dev.deletionpipeline.common.events.ReceiptOutcome;
import dev.deletionpipeline.common.events.ReceiptTotals;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.receipts.ReceiptDigests;
import dev.deletionpipeline.common.sql.SqlTime;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.settings.PositiveDuration;
import dev.deletionpipeline.worker.receipts.ReceiptFacts.Request;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * Builds, chains and writes the receipt of every deletion that the caller's transaction has just finished — or
 * finished again: when a block of a deletion that already has a receipt ends anew (a redriven FAILED block hard-deleted,
 * or restored) and so an outcome in its latest receipt is no longer true, a new receipt of the deletion is appended to
 * the owner's chain, naming the one it supersedes; the earlier one is kept, unchanged, as the chain requires. Writes
 * {@code deletion_request_receipts}, {@code receipt_chains} and one {@code outbox} row per receipt (aggregatetype
 * {@code deletion.receipts.v1}, key = deletion id, id = the receipt's event id, derived from the deletion id and the
 * sequence, so the relay's ce_id de-duplicates it). The stored receipt lists every block; the event only up to
 * {@code receipts.blocks-in-event}, else none ({@code totals.blocks} and {@code blocksDigest} tell a consumer to fetch
 * and check the stored one): one payload over Kafka's record limit would stop the relay, and with it every event behind.
 * Must run inside the transaction that ended the blocks: the receipt exists if and only if the deletion finished.
 */
@Component
public class DeletionReceipts {

    /**
     * {@code deletion.worker.receipts.*} (defaults and meaning of each in application.yml). At about 300 bytes a block,
     * {@code blocks-in-event} ≤ 2,000 stays far below Kafka's 1 MB record limit, which a larger event would exceed and
     * so stop the outbox relay for every event.
     */
    @Validated
    @ConfigurationProperties("deletion.worker.receipts")
    record ReceiptSettings(
            @PositiveDuration Duration retention,
            @Min(0) @Max(2000) int blocksInEvent) {}

    private final JdbcClient jdbc;
    private final ReceiptFacts facts;
    private final ReceiptSettings settings;
    private final Clock clock;

    DeletionReceipts(JdbcClient jdbc, ReceiptFacts facts, ReceiptSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Writes a receipt for each of these deletions that has now finished, and a superseding one for each that had
     * finished before and whose latest receipt states an outcome that is no longer true; the others are left alone.
     *
     * @return the receipts written
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<DeletionCompleted> completeFinished(Collection<UUID> deletionIds) {
        List<UUID> sorted = new ArrayList<>(
                new TreeSet<>(deletionIds.stream().filter(Objects::nonNull).toList()));
        if (sorted.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<DeletionCompleted> written = new ArrayList<>();
        // ordered by owner: the chain heads are locked in one order by every transaction
        for (Request request : facts.lockFinished(sorted)) {
            DeletionCompleted latest = request.latestReceipt();
            List<ReceiptBlock> blocks = facts.blocksOf(request.id());
            if (latest == null) {
                written.add(append(request, blocks, null, now));
                continue;
            }
            List<ReceiptBlock> revised = revised(latest.blocks(), blocks);
            if (!outcomes(revised).equals(outcomes(latest.blocks()))) {
                written.add(append(request, revised, latest.digest(), now));
            }
        }
        return written;
    }

    /**
     * The latest receipt's blocks, each replaced by what the database says of it now where it still says something
     * (the per-block bookkeeping of blocks that ended long ago may have passed its own, shorter retention).
     */
    private static List<ReceiptBlock> revised(List<ReceiptBlock> sealed, List<ReceiptBlock> now) {
        Map<UUID, ReceiptBlock> blocks = new LinkedHashMap<>();
        sealed.forEach(block -> blocks.put(block.blockId(), block));
        now.forEach(block -> blocks.put(block.blockId(), block));
        return List.copyOf(blocks.values());
    }

    private static Map<UUID, ReceiptOutcome> outcomes(List<ReceiptBlock> blocks) {
        return blocks.stream().collect(Collectors.toMap(ReceiptBlock::blockId, ReceiptBlock::outcome));
    }

    /** Receipts for deletions that deletion-api's restore may have finished, in a transaction of their own. */
    @Transactional
    public List<DeletionCompleted> completeAfterRestore(Collection<UUID> deletionIds) {
        return completeFinished(deletionIds);
    }

    /** The safety net: receipts for restored deletions that no {@code BlockRestored} announced. */
    @Transactional
    public int completeRestored(int limit) {
        return completeFinished(facts.restoredWithoutReceipt(limit)).size();
    }

    /**
     * Removes receipts past their retention, oldest first per owner (a receipt whose predecessor is still kept stays,
     * so the kept part of a chain is never holed), and records in the chain head where the kept part starts.
     */
    @Transactional
    public int pruneExpired() {
        List<Pruned> pruned = jdbc.sql("""
                        delete from deletion_request_receipts r
                        where r.keep_until < :now
                          and not exists (select 1 from deletion_request_receipts k
                                          where k.owner_id = r.owner_id and k.sequence < r.sequence
                                            and k.keep_until >= :now)
                        returning r.owner_id, r.sequence, r.digest
                        """)
                .param("now", SqlTime.param(clock.instant()))
                .query((row, n) -> new Pruned(
                        row.getObject("owner_id", UUID.class), row.getLong("sequence"), row.getString("digest")))
                .list();
        pruned.stream()
                .collect(Collectors.toMap(Pruned::ownerId, p -> p, (a, b) -> a.sequence() > b.sequence() ? a : b))
                .values()
                .forEach(last -> jdbc.sql("""
                                update receipt_chains set pruned_sequence = :sequence, pruned_digest = :digest
                                where owner_id = :owner and pruned_sequence < :sequence
                                """)
                        .param("sequence", last.sequence())
                        .param("digest", last.digest())
                        .param("owner", last.ownerId())
                        .update());
        return pruned.size();
    }

    private record Pruned(UUID ownerId, long sequence, String digest) {}

    /** @param supersedes nullable: the digest of the deletion's receipt that this one replaces */
    private DeletionCompleted append(Request request, List<ReceiptBlock> blocks, String supersedes, Instant now) {
        jdbc.sql("insert into receipt_chains (owner_id, last_sequence) values (:owner, 0) on conflict do nothing")
                .param("owner", request.ownerId())
                .update();
        Head head = jdbc.sql("select last_sequence, last_digest from receipt_chains where owner_id = :owner for update")
                .param("owner", request.ownerId())
                .query((row, n) -> new Head(row.getLong("last_sequence"), row.getString("last_digest")))
                .single();
        DeletionCompleted receipt = ReceiptDigests.sealed(new DeletionCompleted(
                eventIdOf(request.id(), head.sequence() + 1),
                request.id(),
                request.ownerId(),
                request.scope(),
                request.target(),
                request.requestedBy(),
                request.requestedAt(),
                request.dueBy(),
                now,
                head.sequence() + 1,
                ReceiptTotals.of(blocks),
                blocks,
                null,
                head.digest(),
                supersedes,
                "unsealed"));
        String body = EventJson.mapper().writeValueAsString(receipt);
        jdbc.sql("""
                        insert into deletion_request_receipts (deletion_id, owner_id, sequence, completed_at,
                            keep_until, digest, previous_digest, supersedes, body)
                        values (:deletion, :owner, :sequence, :completedAt, :keepUntil, :digest, :previous,
                            :supersedes, cast(:body as jsonb))
                        """)
                .param("deletion", receipt.deletionId())
                .param("owner", receipt.ownerId())
                .param("sequence", receipt.sequence())
                .param("completedAt", SqlTime.param(now))
                .param("keepUntil", SqlTime.param(now.plus(settings.retention())))
                .param("digest", receipt.digest())
                .param("previous", receipt.previousDigest())
                .param("supersedes", receipt.supersedes())
                .param("body", body)
                .update();
        jdbc.sql("update receipt_chains set last_sequence = :sequence, last_digest = :digest where owner_id = :owner")
                .param("sequence", receipt.sequence())
                .param("digest", receipt.digest())
                .param("owner", receipt.ownerId())
                .update();
        jdbc.sql("""
                        insert into outbox (id, aggregatetype, aggregateid, type, payload)
                        values (:id, :topic, :key, :type, cast(:body as jsonb))
                        """)
                .param("id", receipt.eventId())
                .param("topic", Topics.DELETION_RECEIPTS.name())
                .param("key", receipt.deletionId().toString())
                .param("type", EventTypes.typeOf(DeletionCompleted.class))
                .param("body", eventBody(receipt, body))
                .update();
        return receipt;
    }

    /**
     * The stored receipt, or the receipt without its blocks when it has more than {@code blocks-in-event} or its JSON
     * takes more than half of what the outbox accepts: the count alone does not bound the bytes (a Google event id may
     * be 1,024 characters), and jsonb's text form, which the outbox limit measures, is a little longer than ours.
     */
    private String eventBody(DeletionCompleted receipt, String storedBody) {
        boolean fits = receipt.blocks().size() <= settings.blocksInEvent()
                && storedBody.getBytes(StandardCharsets.UTF_8).length <= Topics.OUTBOX_PAYLOAD_MAX_BYTES / 2;
        return fits ? storedBody : EventJson.mapper().writeValueAsString(receipt.withoutBlocks());
    }

    /** A deletion's receipt at one place in its owner's chain can only ever be published under one event id. */
    public static UUID eventIdOf(UUID deletionId, long sequence) {
        return UUID.nameUUIDFromBytes(
                ("DeletionCompleted:" + deletionId + ":" + sequence).getBytes(StandardCharsets.UTF_8));
    }

    private record Head(long sequence, String digest) {}
}
