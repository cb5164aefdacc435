package dev.deletionpipeline.reconciler.redrive;

import dev.deletionpipeline.common.events.RedriveRequested;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Turns each {@link RedriveRequested} of the tracking topology into the outbox row of its re-drive
 * ({@link OutboxRedrive}). The offset is committed after the row, so a request may come again; it then finds its row
 * by the request's id and writes none.
 */
class RedriveRequestListener {

    private static final Logger log = LoggerFactory.getLogger(RedriveRequestListener.class);

    private final OutboxRedrive outbox;
    private final Clock clock;

    RedriveRequestListener(OutboxRedrive outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @KafkaListener(
            id = "redrive-requests",
            idIsGroup = false,
            topics = "#{@redriveRequestsTopic.name()}",
            containerFactory = "redriveRequestsListenerFactory")
    void onRequest(RedriveRequested request) {
        outbox.redrive(request, clock.instant())
                .ifPresentOrElse(
                        written -> log.info(
                                "Re-drive {} of block {} (attempt {}) written to the outbox: {}",
                                request.eventId(),
                                request.blockId(),
                                request.attempt(),
                                written.describe()),
                        () -> log.info(
                                "Re-drive {} of block {} needs no outbox row: written before, or the block is no"
                                        + " longer soft-deleted by deletion {}",
                                request.eventId(),
                                request.blockId(),
                                request.deletionId()));
    }
}
