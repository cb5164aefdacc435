package dev.deletionpipeline.worker;

import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.settings.DeploymentTopics;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The application, and the beans every feature package shares: the clock (replaced by tests) and the topics. */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
@EnableConfigurationProperties(DeploymentTopics.class)
public class DeletionWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeletionWorkerApplication.class, args);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    WorkerTopics workerTopics(DeploymentTopics topics) {
        return new WorkerTopics(
                topics.of(Topics.BLOCKS_LIFECYCLE).name(),
                topics.of(Topics.DELETION_DEAD_LETTERS).name(),
                topics.of(Topics.QUOTA_WAITS).name());
    }
}
