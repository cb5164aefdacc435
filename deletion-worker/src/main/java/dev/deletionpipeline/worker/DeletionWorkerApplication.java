package dev.deletionpipeline.worker;

import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.settings.DeploymentTopics;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.validation.annotation.Validated;

/** The application, and the beans every feature package shares: the clock (replaced by tests), instance id, topics. */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
@EnableConfigurationProperties(DeploymentTopics.class)
public class DeletionWorkerApplication {

    /** {@code deletion.worker.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker")
    record WorkerSettings(@NotNull String instanceId) {}

    public static void main(String[] args) {
        SpringApplication.run(DeletionWorkerApplication.class, args);
    }

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
                topics.of(Topics.DELETION_DEAD_LETTERS).name(),
                topics.of(Topics.QUOTA_WAITS).name());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
