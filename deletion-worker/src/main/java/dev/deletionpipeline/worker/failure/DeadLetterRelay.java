package dev.deletionpipeline.worker.failure;

import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes dead letters whose first publication failed (Kafka down, or the worker died between the database commit
 * and the send). Kafka may then hold a dead letter twice; both carry the same {@code dlt_id}. One instance at a time
 * (ShedLock), so that two workers do not publish the same backlog twice.
 */
@Component
class DeadLetterRelay {

    private static final int BATCH = 500;

    private final DeadLetterStore store;
    private final DeadLetterPublisher publisher;
    private final DeadLetterSettings settings;
    private final Clock clock;

    DeadLetterRelay(DeadLetterStore store, DeadLetterPublisher publisher, DeadLetterSettings settings, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${deletion.worker.dead-letters.republish-interval}")
    @SchedulerLock(name = "deletion-worker.dead-letter-republish")
    public void republishUnacknowledged() {
        publisher.publish(store.unpublishedBefore(clock.instant().minus(settings.republishAfter()), BATCH));
    }
}
