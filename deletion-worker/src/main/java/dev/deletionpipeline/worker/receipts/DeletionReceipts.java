package dev.deletionpipeline.worker.receipts;

import static dev.deletionpipeline.common.sql.SqlTime.instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.deletionpipeline.common.events.BlockState;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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

    /**
     * The definition of "finished": every block of the deletion has ended — none is left with a deletion state other
     * than FAILED (so SOFT_DELETED, CLAIMED, or any waiting state added later, such as a legal hold, is unfinished) —
     * and the deletion had at least one block. With it, the deletion's latest receipt, if it has one: a block may have
     * ended again since (a redriven FAILED one hard-deleted, or restored).
     */
    private static final String FINISHED = """
            select d.id, d.owner_id, d.scope, d.target, d.requested_by, d.requested_at, d.due_by,
                   latest.body::text as latest_receipt
            from deletions d
            left join lateral (
                select r.body from deletion_request_receipts r where r.deletion_id = d.id
                order by r.sequence desc limit 1) latest on true
            where d.id in (:ids)
              and not exists (select 1 from blocks b where b.deletion_id = d.id
                              and b.deletion_state is not null and b.deletion_state <> :failed)
              and (exists (select 1 from blocks b where b.deletion_id = d.id)
                   or exists (select 1 from deletion_receipts r where r.deletion_id = d.id)
                   or exists (select 1 from removed_dependants r where r.deletion_id = d.id))
            order by d.owner_id, d.id
            """;

    // The blocks of several deletions in one statement, by deletion and block id; one text for any number of deletions.
    private static final String BLOCKS = """
            select r.deletion_id, r.block_id, r.calendar_id, r.google_event_id, r.outcome, r.google_status,
                   null as reason, coalesce(r.soft_deleted_at, d.requested_at) as soft_deleted_at,
                   r.google_answered_at, r.hard_deleted_at, null::timestamptz as restored_at
            from deletion_receipts r join deletions d on d.id = r.deletion_id
            where r.deletion_id = any(:ids)
            union all
            select r.deletion_id, r.block_id, r.calendar_id, r.google_event_id, r.outcome, null, null,
                   d.requested_at, r.google_answered_at, r.hard_deleted_at, null
            from removed_dependants r join deletions d on d.id = r.deletion_id
            where r.deletion_id = any(:ids)
              and not exists (select 1 from deletion_receipts c where c.block_id = r.block_id)
            union all
            select b.deletion_id, b.id, b.calendar_id, b.google_event_id,
                   case when b.deletion_state = :failed then :failedOutcome else :restoredOutcome end,
                   l.last_http_status, b.failure_reason, coalesce(b.deleted_at, d.requested_at),
                   l.last_failure_at, null, case when b.deletion_state is null then d.restored_at end
            from blocks b join deletions d on d.id = b.deletion_id
            left join lateral (
                select x.last_http_status, x.last_failure_at from dead_letters x
                where x.block_id = b.id and b.deletion_state = :failed
                order by x.dead_lettered_at desc limit 1) l on true
            where b.deletion_id = any(:ids)
              and (b.deletion_state = :failed or (b.deletion_state is null and d.restored_at is not null))
            order by 1, 2
            """;

    /**
     * A finished deletion request, as asked.
     *
     * @param dueBy when it had to be finished, as deletion-api decided when it accepted the request
     * @param latestReceipt nullable: the JSON of the deletion's latest receipt, when it already has one
     */
    private record Request(
            UUID id,
            UUID ownerId,
            String scope,
            String target,
            String requestedBy,
            OffsetDateTime requestedAt,
            OffsetDateTime dueBy,
            String latestReceipt) {}

    /**
     * Locks the chain heads of the owners, creating the missing ones, in owner order: ModifyTable takes the rows one by
     * one as the Sort below it hands them over (EXPLAIN: Insert → Sort → Function Scan), locking each before it asks for
     * the next, and every transaction that appends receipts — also one of an earlier version, which locked them one
     * statement at a time in the same order — locks them in PostgreSQL's uuid order, so none waits for a head while
     * holding a later one and two can never deadlock. Each head is returned as it is once this transaction holds it.
     */
    private static final String LOCK_HEADS = """
            insert into receipt_chains (owner_id, last_sequence)
            select o, 0 from unnest(:owners) o order by o
            on conflict (owner_id) do update set last_sequence = receipt_chains.last_sequence
            returning owner_id, last_sequence, last_digest
            """;

    // One statement for all the receipts of the call, their chain heads and outbox rows. Each row is the stored
    // receipt, whose columns are read from it, and the event only when it is not the receipt (its blocks left out).
    private static final String RECEIPTS_HEADS_AND_OUTBOX = """
            with receipt as (
                select value -> 'receipt' as r, value -> 'event' as event
                from jsonb_array_elements(cast(:receipts as jsonb))
            ), stored as (
                insert into deletion_request_receipts (deletion_id, owner_id, sequence, completed_at, keep_until,
                    digest, previous_digest, supersedes, body)
                select (r ->> 'deletionId')::uuid, (r ->> 'ownerId')::uuid, (r ->> 'sequence')::bigint, :completedAt,
                    :keepUntil, r ->> 'digest', r ->> 'previousDigest', r ->> 'supersedes', r
                from receipt
            ), head as (
                update receipt_chains c set last_sequence = h.sequence, last_digest = h.digest
                from (select distinct on (r ->> 'ownerId') (r ->> 'ownerId')::uuid as owner_id,
                          (r ->> 'sequence')::bigint as sequence, r ->> 'digest' as digest
                      from receipt order by r ->> 'ownerId', (r ->> 'sequence')::bigint desc) h
                where c.owner_id = h.owner_id
            )
            insert into outbox (id, aggregatetype, aggregateid, type, payload)
            select (r ->> 'eventId')::uuid, :topic, r ->> 'deletionId', :type, coalesce(event, r) from receipt
            """;

    /** A receipt as written: the stored JSON, and the event's when it differs. */
    private record Written(
            @JsonRawValue String receipt, @JsonRawValue String event) {}

    private final JdbcClient jdbc;
    private final ReceiptSettings settings;
    private final Clock clock;

    DeletionReceipts(JdbcClient jdbc, ReceiptSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** @return the receipts written */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<DeletionCompleted> completeFinished(Collection<UUID> deletionIds) {
        List<UUID> sorted = List.copyOf(
                new TreeSet<>(deletionIds.stream().filter(Objects::nonNull).toList()));
        if (sorted.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        // Locks the deletions (in id order, so two finishing transactions cannot deadlock): the transaction that ends a
        // deletion's last blocks second sees the first's commit and builds the receipt.
        jdbc.sql("select id from deletions where id in (:ids) order by id for update")
                .param("ids", sorted)
                .query(UUID.class)
                .list();
        List<Request> finished = jdbc.sql(FINISHED)
                .param("ids", sorted)
                .param("failed", BlockState.FAILED.name())
                .query(Request.class)
                .list();
        if (finished.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<ReceiptBlock>> blocksByDeletion =
                blocksOf(finished.stream().map(Request::id).toList());
        List<Due> due = new ArrayList<>();
        for (Request request : finished) {
            DeletionCompleted latest = request.latestReceipt() == null
                    ? null
                    : EventJson.mapper().readValue(request.latestReceipt(), DeletionCompleted.class);
            List<ReceiptBlock> blocks = revised(latest, blocksByDeletion.getOrDefault(request.id(), List.of()));
            if (latest == null || !outcomes(blocks).equals(outcomes(latest.blocks()))) {
                due.add(new Due(request, blocks, latest == null ? null : latest.digest()));
            }
        }
        if (due.isEmpty()) {
            return List.of();
        }
        // the chain heads only now, all at once: each is held from here to the commit, not while other owners' receipts
        // are read
        Map<UUID, Head> heads = jdbc
                .sql(LOCK_HEADS)
                .param(
                        "owners",
                        new SqlArrayValue(
                                "uuid",
                                due.stream()
                                        .map(d -> d.request().ownerId())
                                        .distinct()
                                        .toArray()))
                .query(Head.class)
                .stream()
                .collect(Collectors.toMap(Head::ownerId, Function.identity()));
        List<DeletionCompleted> written = new ArrayList<>();
        for (Due d : due) {
            // ordered by owner and deletion, as FINISHED returned them: one owner's receipts follow each other
            DeletionCompleted receipt = sealed(d, heads.get(d.request().ownerId()), now);
            heads.put(receipt.ownerId(), new Head(receipt.ownerId(), receipt.sequence(), receipt.digest()));
            written.add(receipt);
        }
        write(written, now);
        return written;
    }

    /** A finished request that gets a receipt; {@code supersedes} nullable, as in the receipt. */
    private record Due(Request request, List<ReceiptBlock> blocks, String supersedes) {}

    List<ReceiptBlock> blocksOf(UUID deletionId) {
        return blocksOf(List.of(deletionId)).getOrDefault(deletionId, List.of());
    }

    /** @return each deletion's blocks, ordered by block id; no entry for a deletion without */
    private Map<UUID, List<ReceiptBlock>> blocksOf(List<UUID> deletionIds) {
        Map<UUID, List<ReceiptBlock>> blocks = new HashMap<>();
        jdbc.sql(BLOCKS)
                .param("ids", new SqlArrayValue("uuid", deletionIds.toArray()))
                .param("failed", BlockState.FAILED.name())
                .param("failedOutcome", ReceiptOutcome.FAILED.name())
                .param("restoredOutcome", ReceiptOutcome.RESTORED.name())
                .query(row -> {
                    blocks.computeIfAbsent(row.getObject("deletion_id", UUID.class), id -> new ArrayList<>())
                            .add(block(row));
                });
        return blocks;
    }

    private static ReceiptBlock block(ResultSet row) throws SQLException {
        return new ReceiptBlock(
                row.getObject("block_id", UUID.class),
                row.getString("calendar_id"),
                row.getString("google_event_id"),
                ReceiptOutcome.valueOf(row.getString("outcome")),
                row.getObject("google_status", Integer.class),
                row.getString("reason"),
                instant(row, "soft_deleted_at"),
                instant(row, "google_answered_at"),
                instant(row, "hard_deleted_at"),
                instant(row, "restored_at"));
    }

    boolean exists(UUID deletionId) {
        return jdbc.sql("select exists (select 1 from deletions where id = :id)")
                .param("id", deletionId)
                .query(Boolean.class)
                .single();
    }

    /**
     * The blocks as the database says now; with a latest receipt, its blocks, each replaced by that where the database
     * still says something (the per-block bookkeeping of long-ended blocks may have passed its own, shorter retention).
     */
    private static List<ReceiptBlock> revised(DeletionCompleted latest, List<ReceiptBlock> now) {
        if (latest == null) {
            return now;
        }
        Map<UUID, ReceiptBlock> blocks = new LinkedHashMap<>();
        latest.blocks().forEach(block -> blocks.put(block.blockId(), block));
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
        List<UUID> restored =
                jdbc.sql("""
                        select d.id from deletions d
                        where d.restored_at is not null
                          and not exists (select 1 from deletion_request_receipts r where r.deletion_id = d.id)
                        order by d.restored_at limit :limit
                        """).param("limit", limit).query(UUID.class).list();
        return completeFinished(restored).size();
    }

    /**
     * Removes receipts past their retention, oldest first per owner (a receipt whose predecessor is still kept stays,
     * so the kept part of a chain is never holed), and records in the chain head where the kept part starts. The chain
     * heads it will update are locked first, in owner order as {@link #completeFinished} locks them: the update alone
     * takes them in whatever order its join yields, and could deadlock with a round appending receipts of two of the
     * same owners.
     */
    @Transactional
    public int pruneExpired() {
        Object now = SqlTime.param(clock.instant());
        jdbc.sql("""
                        select c.owner_id from receipt_chains c
                        where exists (select 1 from deletion_request_receipts r
                                      where r.owner_id = c.owner_id and r.keep_until < :now)
                        order by c.owner_id
                        for update
                        """).param("now", now).query(UUID.class).list();
        return jdbc.sql("""
                        with pruned as (
                            delete from deletion_request_receipts r
                            where r.keep_until < :now
                              and not exists (select 1 from deletion_request_receipts k
                                              where k.owner_id = r.owner_id and k.sequence < r.sequence
                                                and k.keep_until >= :now)
                            returning r.owner_id, r.sequence, r.digest
                        ), kept_start as (
                            update receipt_chains c set pruned_sequence = p.sequence, pruned_digest = p.digest
                            from (select distinct on (owner_id) * from pruned order by owner_id, sequence desc) p
                            where c.owner_id = p.owner_id and c.pruned_sequence < p.sequence
                        )
                        select count(*) from pruned
                        """).param("now", now).query(Integer.class).single();
    }

    private static DeletionCompleted sealed(Due due, Head head, Instant now) {
        Request request = due.request();
        return ReceiptDigests.sealed(new DeletionCompleted(
                eventIdOf(request.id(), head.lastSequence() + 1),
                request.id(),
                request.ownerId(),
                request.scope(),
                request.target(),
                request.requestedBy(),
                request.requestedAt().toInstant(),
                request.dueBy().toInstant(),
                now,
                head.lastSequence() + 1,
                ReceiptTotals.of(due.blocks()),
                due.blocks(),
                null,
                head.lastDigest(),
                due.supersedes(),
                "unsealed"));
    }

    private void write(List<DeletionCompleted> receipts, Instant now) {
        List<Written> rows = receipts.stream()
                .map(receipt -> {
                    String body = EventJson.mapper().writeValueAsString(receipt);
                    return new Written(body, eventInsteadOf(receipt, body));
                })
                .toList();
        jdbc.sql(RECEIPTS_HEADS_AND_OUTBOX)
                .param("receipts", EventJson.mapper().writeValueAsString(rows))
                .param("completedAt", SqlTime.param(now))
                .param("keepUntil", SqlTime.param(now.plus(settings.retention())))
                .param("topic", Topics.DELETION_RECEIPTS.name())
                .param("type", EventTypes.typeOf(DeletionCompleted.class))
                .update();
    }

    /**
     * Null when the event is the stored receipt; else the receipt without its blocks, as it has more than
     * {@code blocks-in-event} or its JSON takes more than half of what the outbox accepts: the count alone does not
     * bound the bytes (a Google event id may be 1,024 characters), and jsonb's text form, which the outbox limit
     * measures, is a little longer than ours.
     */
    private String eventInsteadOf(DeletionCompleted receipt, String storedBody) {
        boolean fits = receipt.blocks().size() <= settings.blocksInEvent()
                && storedBody.getBytes(StandardCharsets.UTF_8).length <= Topics.OUTBOX_PAYLOAD_MAX_BYTES / 2;
        return fits ? null : EventJson.mapper().writeValueAsString(receipt.withoutBlocks());
    }

    /** A deletion's receipt at one place in its owner's chain can only ever be published under one event id. */
    public static UUID eventIdOf(UUID deletionId, long sequence) {
        return UUID.nameUUIDFromBytes(
                ("DeletionCompleted:" + deletionId + ":" + sequence).getBytes(StandardCharsets.UTF_8));
    }

    private record Head(UUID ownerId, long lastSequence, String lastDigest) {}
}
