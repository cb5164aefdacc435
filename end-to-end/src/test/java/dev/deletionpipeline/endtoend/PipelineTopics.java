package dev.deletionpipeline.endtoend;

import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.DeletionCompleted;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.common.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Header;

/**
 * What the pipeline has told the world on its output topics, read as an outside consumer reads them: the latest
 * {@code deletion.status.v1} per block, every {@code HardDeleteConfirmed}, every {@code OrphanDetected}, the dead
 * letters' reasons, the latest {@code OpsSummary} and every {@code DeletionCompleted}. Safe to use from several tests at once.
 */
final class PipelineTopics implements AutoCloseable {

    /** One record of {@code blocks.hard-delete-confirmed.v1}: its key, its {@code ce_id} and the event. */
    record Confirmation(String key, UUID cloudEventId, HardDeleteConfirmed event) {}

    /** One record of {@code deletion.receipts.v1}: its key, its {@code ce_id} and the receipt. */
    record Receipt(String key, UUID cloudEventId, DeletionCompleted event) {}

    private final TopicTail<DeletionStatus> statusTail;
    private final TopicTail<HardDeleteConfirmed> confirmationTail;
    private final TopicTail<OrphanDetected> orphanTail;
    private final TopicTail<byte[]> deadLetterTail;
    private final TopicTail<OpsSummary> opsTail;
    private final TopicTail<DeletionCompleted> receiptTail;
    private final Map<UUID, List<Receipt>> receipts = new HashMap<>();

    private final Map<UUID, DeletionStatus> statuses = new HashMap<>();
    private final Map<UUID, List<Confirmation>> confirmations = new HashMap<>();
    private final List<OrphanDetected> orphans = new ArrayList<>();
    private final Map<String, List<String>> deadLetterReasons = new HashMap<>();
    private OpsSummary latestSummary;

    PipelineTopics(String bootstrapServers) {
        statusTail = new TopicTail<>(bootstrapServers, Topics.DELETION_STATUS);
        confirmationTail = new TopicTail<>(bootstrapServers, Topics.HARD_DELETE_CONFIRMED);
        orphanTail = new TopicTail<>(bootstrapServers, Topics.DELETION_ORPHANS);
        deadLetterTail = new TopicTail<>(bootstrapServers, Topics.DELETION_DEAD_LETTERS);
        opsTail = new TopicTail<>(bootstrapServers, Topics.DELETION_OPS);
        receiptTail = new TopicTail<>(bootstrapServers, Topics.DELETION_RECEIPTS);
    }

    /** The latest status of each block that has one. */
    synchronized Map<UUID, DeletionStatus> statuses() {
        statusTail.catchUp(record -> {
            if (record.value() != null) {
                statuses.put(UUID.fromString(record.key()), record.value());
            }
        });
        return Map.copyOf(statuses);
    }

    /** Every confirmation record of the block, duplicates included. */
    synchronized List<Confirmation> confirmationsOf(UUID blockId) {
        catchUpConfirmations();
        return List.copyOf(confirmations.getOrDefault(blockId, List.of()));
    }

    synchronized Map<UUID, List<Confirmation>> confirmations() {
        catchUpConfirmations();
        Map<UUID, List<Confirmation>> copy = new HashMap<>();
        confirmations.forEach((block, records) -> copy.put(block, List.copyOf(records)));
        return copy;
    }

    synchronized List<OrphanDetected> orphans() {
        orphanTail.catchUp(record -> orphans.add(record.value()));
        return List.copyOf(orphans);
    }

    /** The {@code dlt_reason} of each dead-letter record of the block (the record key). */
    synchronized List<String> deadLetterReasonsOf(UUID blockId) {
        deadLetterTail.catchUp(record -> deadLetterReasons
                .computeIfAbsent(record.key(), key -> new ArrayList<>())
                .add(text(record.headers().lastHeader(DeadLetterHeaders.REASON))));
        return List.copyOf(deadLetterReasons.getOrDefault(blockId.toString(), List.of()));
    }

    synchronized Optional<OpsSummary> latestSummary() {
        opsTail.catchUp(record -> latestSummary = record.value());
        return Optional.ofNullable(latestSummary);
    }

    /** Every receipt record of the deletion, duplicates included. */
    synchronized List<Receipt> receiptsOf(UUID deletionId) {
        receiptTail.catchUp(record -> receipts.computeIfAbsent(UUID.fromString(record.key()), key -> new ArrayList<>())
                .add(new Receipt(
                        record.key(),
                        ContractCloudEvents.readFrom(record.headers())
                                .map(ce -> UUID.fromString(ce.getId()))
                                .orElse(null),
                        record.value())));
        return List.copyOf(receipts.getOrDefault(deletionId, List.of()));
    }

    private void catchUpConfirmations() {
        confirmationTail.catchUp(record -> confirmations
                .computeIfAbsent(UUID.fromString(record.key()), key -> new ArrayList<>())
                .add(new Confirmation(
                        record.key(),
                        ContractCloudEvents.readFrom(record.headers())
                                .map(ce -> UUID.fromString(ce.getId()))
                                .orElse(null),
                        record.value())));
    }

    private static String text(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        List.of(statusTail, confirmationTail, orphanTail, deadLetterTail, opsTail, receiptTail)
                .forEach(TopicTail::close);
    }
}
