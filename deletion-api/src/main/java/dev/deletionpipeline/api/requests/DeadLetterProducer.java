package dev.deletionpipeline.api.requests;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The producer of the command dead-letter topic: raw bytes for unreadable records, the command's JSON for invalid
 * ones. Held in its own bean (not a {@code ProducerFactory} bean) so that Boot's default Kafka template is unaffected;
 * closed with the application.
 */
class DeadLetterProducer implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, Object> factory;
    private final KafkaTemplate<String, Object> template;

    DeadLetterProducer(DefaultKafkaProducerFactory<String, Object> factory) {
        this.factory = factory;
        this.template = new KafkaTemplate<>(factory);
    }

    KafkaTemplate<String, Object> template() {
        return template;
    }

    @Override
    public void destroy() {
        factory.destroy();
    }
}
