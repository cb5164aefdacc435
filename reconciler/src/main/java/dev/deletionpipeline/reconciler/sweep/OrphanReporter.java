package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanDetected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports each finding of the sweep: a WARN log line with its ids, the counter
 * {@code deletion.reconciler.sweep.findings{type,action}}, and an {@link OrphanDetected} on {@code deletion.orphans.v1}
 * (key = block id) with its CloudEvents headers. Records are sent asynchronously and {@link #flush() flushed} at the
 * end of a sweep; a record Kafka refuses is logged at ERROR and counted in
 * {@code deletion.reconciler.sweep.report.failures} (the WARN line and any database change stand, and the next sweep
 * reports what is still unresolved).
 */
final class OrphanReporter implements AutoCloseable {

    /** The {@code ce_source} of every event the reconciler produces. */
    static final String SOURCE = "/reconciler";

    private static final Logger log = LoggerFactory.getLogger(OrphanReporter.class);

    private final Producer<String, OrphanDetected> producer;
    private final String topic;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Counter failures;

    /** @param topic the {@code deletion.orphans.v1} topic name, with any deployment prefix */
    OrphanReporter(Producer<String, OrphanDetected> producer, String topic, MeterRegistry meters, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.meters = meters;
        this.clock = clock;
        this.failures = Counter.builder("deletion.reconciler.sweep.report.failures")
                .description("OrphanDetected reports of the safety-net sweep that Kafka did not take")
                .register(meters);
    }

    /** Reports a finding with the action actually taken and the reason that goes with it. */
    OrphanDetected report(Finding finding, OrphanAction action, String reason, Instant now) {
        OrphanDetected event = new OrphanDetected(
                UUID.randomUUID(),
                finding.blockId(),
                finding.deletionId(),
                finding.ownerId(),
                finding.type(),
                action,
                reason,
                now);
        log.warn(
                "Safety-net sweep: {} {} block={} deletion={} owner={}: {}",
                event.type(),
                action,
                event.blockId(),
                event.deletionId(),
                event.ownerId(),
                reason);
        meters.counter(
                        "deletion.reconciler.sweep.findings",
                        "type",
                        event.type().name(),
                        "action",
                        action.name())
                .increment();
        send(event);
        return event;
    }

    /** Waits until every report sent so far has been acknowledged or has failed. */
    void flush() {
        producer.flush();
    }

    private void send(OrphanDetected event) {
        ProducerRecord<String, OrphanDetected> record =
                new ProducerRecord<>(topic, event.blockId().toString(), event);
        ContractCloudEvents.writeTo(record.headers(), ContractCloudEvents.of(event, SOURCE, clock.instant()));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failures.increment();
                log.error("OrphanDetected {} for block {} was not published", event.eventId(), event.blockId(), error);
            }
        });
    }

    @Override
    public void close() {
        producer.close();
    }
}
