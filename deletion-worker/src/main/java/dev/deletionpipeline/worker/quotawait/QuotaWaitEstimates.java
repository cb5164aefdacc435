package dev.deletionpipeline.worker.quotawait;

import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.QuotaWaitEstimated;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.settings.PositiveDuration;
import dev.deletionpipeline.worker.WorkerTopics;
import dev.deletionpipeline.worker.ratelimit.QuotaGate.RateLimitSettings;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.WaitingBlocks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Publishes, per deletion of an owner that waits for its Google quota, when the owner's queue will be through:
 * {@link QuotaWaitEstimated} on {@code deletion.quota-waits.v1} (key = deletion id), and a tombstone once the deletion
 * has no synced block left past its grace period. The estimate is the owner's whole queue (synced tasks past their grace
 * period, in {@code deletion_tasks}) at the owner's rate — the per-owner quota, or the project quota shared by the
 * owners waiting now if that is less — so every deletion of the owner gets the time its last block is due at the
 * latest. Published only when an estimate moves by {@code min-change}, with an id derived from the deletion and the
 * estimate, so a repeat is a duplicate the reconciler's store overwrites with the same value.
 *
 * <p>Sent straight to Kafka after the counts were read, not through the outbox: an estimate is advisory, not a
 * lifecycle fact, and the next refresh (or the reconciler's unchanged deadline) makes up for one that is lost. Every
 * instance refreshes the owners it rate-limited itself, without a lock: each knows only its own owners' waits. When
 * the project's quota held everyone back, an instance counts every owner's queue (the same table's counts, so instances
 * agree within {@code min-change}).
 */
@Component
public class QuotaWaitEstimates {

    /** {@code deletion.worker.quota-waits.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker.quota-waits")
    record QuotaWaitSettings(
            @PositiveDuration Duration refreshInterval,
            @PositiveDuration Duration minChange) {}

    private static final Logger log = LoggerFactory.getLogger(QuotaWaitEstimates.class);
    private static final Serializer<QuotaWaitEstimated> JSON =
            Topics.QUOTA_WAITS.valueSerde().serializer();
    private static final String SOURCE = "/deletion-worker";

    private record Published(UUID ownerId, Instant estimatedFinish) {}

    private final TaskStore tasks;
    private final KafkaTemplate<String, byte[]> template;
    private final String topic;
    private final RateLimitSettings rates;
    private final QuotaWaitSettings settings;
    private final Clock clock;
    private final Set<UUID> deferredOwners = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean projectHeldBack = new AtomicBoolean();
    private final Map<UUID, Published> published = new ConcurrentHashMap<>();

    QuotaWaitEstimates(
            TaskStore tasks,
            KafkaTemplate<String, byte[]> template,
            WorkerTopics topics,
            RateLimitSettings rates,
            QuotaWaitSettings settings,
            Clock clock) {
        this.tasks = tasks;
        this.template = template;
        this.topic = topics.quotaWaits();
        this.rates = rates;
        this.settings = settings;
        this.clock = clock;
    }

    /** The quota deferred some of this owner's tasks, or held them back: its queue is counted at the next refresh. */
    public void ownerDeferred(UUID ownerId) {
        deferredOwners.add(ownerId);
    }

    /** The project's quota held back every owner's synced tasks: every owner's queue is counted at the next refresh. */
    public void projectHeldBack() {
        projectHeldBack.set(true);
    }

    @Scheduled(fixedDelayString = "${deletion.worker.quota-waits.refresh-interval}")
    void refresh() {
        Set<UUID> owners = new HashSet<>(deferredOwners);
        deferredOwners.removeAll(owners);
        published.values().forEach(p -> owners.add(p.ownerId()));
        boolean everyOwner = projectHeldBack.getAndSet(false);
        if (owners.isEmpty() && !everyOwner) {
            return;
        }
        Instant now = clock.instant();
        List<WaitingBlocks> waiting = tasks.waitingSyncedBlocks(owners, everyOwner, now);
        Map<UUID, Integer> queueByOwner = waiting.stream()
                .collect(Collectors.groupingBy(WaitingBlocks::ownerId, Collectors.summingInt(WaitingBlocks::blocks)));
        double perMinute = Math.min(
                rates.perOwnerPerMinute(), (double) rates.perProjectPerMinute() / Math.max(1, queueByOwner.size()));
        Set<UUID> stillWaiting = new HashSet<>();
        for (WaitingBlocks deletion : waiting) {
            stillWaiting.add(deletion.deletionId());
            Duration queue =
                    Duration.ofMillis((long) Math.ceil(queueByOwner.get(deletion.ownerId()) * 60_000d / perMinute));
            publishIfMoved(deletion, now.plus(queue), now);
        }
        for (UUID deletionId : List.copyOf(published.keySet())) {
            if (!stillWaiting.contains(deletionId)) {
                send(new ProducerRecord<>(topic, deletionId.toString(), null));
                published.remove(deletionId);
            }
        }
    }

    private void publishIfMoved(WaitingBlocks deletion, Instant finish, Instant now) {
        Published before = published.get(deletion.deletionId());
        Instant previously = before == null ? now : before.estimatedFinish();
        if (Duration.between(previously, finish).abs().compareTo(settings.minChange()) < 0) {
            return;
        }
        Instant rounded = Instant.ofEpochSecond(finish.getEpochSecond() + (finish.getNano() > 0 ? 1 : 0));
        QuotaWaitEstimated estimate = new QuotaWaitEstimated(
                UUID.nameUUIDFromBytes(
                        ("quota-wait|" + deletion.deletionId() + "|" + rounded).getBytes(StandardCharsets.UTF_8)),
                deletion.deletionId(),
                deletion.ownerId(),
                deletion.blocks(),
                rounded,
                now);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, deletion.deletionId().toString(), JSON.serialize(topic, estimate));
        ContractCloudEvents.writeTo(record.headers(), ContractCloudEvents.of(estimate, SOURCE, now));
        send(record);
        published.put(deletion.deletionId(), new Published(deletion.ownerId(), rounded));
        log.info(
                "Deletion {} of owner {} waits for quota: {} blocks, done by {}",
                deletion.deletionId(),
                deletion.ownerId(),
                deletion.blocks(),
                rounded);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        template.send(record).whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn(
                        "Quota wait estimate for deletion {} not sent; the next change sends it",
                        record.key(),
                        failure);
            }
        });
    }
}
