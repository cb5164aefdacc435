package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.worker.WorkerTopics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes dead letters to {@code blocks.deletion-dead-letters.v1} after their database transaction committed, and
 * marks each one published once Kafka acknowledged it. One that fails stays unpublished for {@link DeadLetterRelay}.
 */
@Component
class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final KafkaTemplate<String, byte[]> template;
    private final DeadLetterStore store;
    private final WorkerTopics topics;
    private final DeadLetterSettings settings;
    private final Clock clock;

    DeadLetterPublisher(
            KafkaTemplate<String, byte[]> deadLetterTemplate,
            DeadLetterStore store,
            WorkerTopics topics,
            DeadLetterSettings settings,
            Clock clock) {
        this.template = deadLetterTemplate;
        this.store = store;
        this.topics = topics;
        this.settings = settings;
        this.clock = clock;
    }

    void publish(List<DeadLetter> deadLetters) {
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
        deadLetters.forEach(d -> sends.add(template.send(DeadLetterRecords.of(d, topics.deadLetters()))));
        for (int i = 0; i < sends.size(); i++) {
            DeadLetter deadLetter = deadLetters.get(i);
            try {
                sends.get(i).get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
                store.markPublished(deadLetter.id(), clock.instant());
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Dead letter {} not yet on Kafka; the relay will publish it again", deadLetter.id(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
