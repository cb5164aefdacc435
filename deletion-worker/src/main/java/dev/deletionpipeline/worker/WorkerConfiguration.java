package dev.deletionpipeline.worker;

import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.settings.DeploymentTopics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans every feature package shares: the clock (replaced by tests), the instance id and the topic names. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeploymentTopics.class)
class WorkerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    WorkerIdentity workerIdentity(WorkerSettings settings) {
        String configured = settings.instanceId();
        if (configured != null && !configured.isBlank()) {
            return new WorkerIdentity(configured);
        }
        return new WorkerIdentity(
                hostName() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Bean
    WorkerTopics workerTopics(DeploymentTopics topics) {
        return new WorkerTopics(
                topics.of(Topics.BLOCKS_LIFECYCLE).name(),
                topics.of(Topics.DELETION_DEAD_LETTERS).name());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
