package dev.deletionpipeline.health;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * DOWN while a Kafka listener container is stopped abnormally: its consumer hit a fatal error (an authorization
 * failure, no offset and no reset policy, ...) or failed to start, so the instance answers HTTP but no longer consumes.
 * Spring Kafka's {@link MessageListenerContainer#isInExpectedState()} tells such a stop from one an operator asked for
 * and from a container that was never started ({@code autoStartup=false}), which both stay UP; a paused container is
 * still running.
 */
final class KafkaListenersHealth implements HealthIndicator {

    private final ListenerContainerRegistry registry;

    KafkaListenersHealth(ListenerContainerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        Collection<MessageListenerContainer> containers = registry.getAllListenerContainers();
        List<String> stoppedAbnormally = containers.stream()
                .filter(container -> !container.isInExpectedState())
                .map(KafkaListenersHealth::idOf)
                .sorted()
                .toList();
        Health.Builder health = stoppedAbnormally.isEmpty()
                ? Health.up()
                : Health.down().withDetail("stoppedAbnormally", stoppedAbnormally);
        return health.withDetail(
                        "listeners",
                        containers.stream()
                                .map(KafkaListenersHealth::idOf)
                                .sorted()
                                .toList())
                .build();
    }

    private static String idOf(MessageListenerContainer container) {
        return Objects.requireNonNullElseGet(container.getListenerId(), container::toString);
    }
}
