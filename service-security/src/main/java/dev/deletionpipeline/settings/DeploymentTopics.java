package dev.deletionpipeline.settings;

import dev.deletionpipeline.common.topics.Topic;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.topic-prefix}: how this deployment names the contract's topics, one setting with one name in every
 * service (env {@code DELETION_TOPIC_PREFIX}), so that the services of one deployment cannot disagree. Each service
 * binds it once ({@code @EnableConfigurationProperties(DeploymentTopics.class)}) with its default in the service's
 * {@code application.yml}.
 *
 * @param topicPrefix put in front of every contract topic name, e.g. {@code staging.}; empty = the contract names
 */
@Validated
@ConfigurationProperties("deletion")
public record DeploymentTopics(@NotNull String topicPrefix) {

    /** The contract's topic as this deployment names it. */
    public <K, V> Topic<K, V> of(Topic<K, V> contract) {
        return contract.withPrefix(topicPrefix);
    }
}
