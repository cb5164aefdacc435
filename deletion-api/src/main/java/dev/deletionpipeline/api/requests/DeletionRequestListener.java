package dev.deletionpipeline.api.requests;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.events.DeletionRequested;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code deletion.requests.v1} (under the configured prefix) in the consumer group {@code
 * deletion.api.requests.group-id}. Off with {@code deletion.api.requests.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "deletion.api.requests.enabled", matchIfMissing = true)
class DeletionRequestListener {

    private final DeletionRequestHandler handler;

    DeletionRequestListener(DeletionRequestHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(
            id = "deletion-requests",
            idIsGroup = false,
            groupId = "${deletion.api.requests.group-id:deletion-api-requests}",
            topics = "#{@deletionRequestTopics.commands().name()}",
            containerFactory = "deletionRequestsListenerFactory")
    void onCommand(ConsumerRecord<String, DeletionRequested> record) {
        Header source = record.headers().lastHeader(CloudEventHeaders.SOURCE);
        handler.handle(
                record.key(),
                source == null || source.value() == null ? null : new String(source.value(), StandardCharsets.UTF_8),
                record.value());
    }
}
