package dev.deletionpipeline.worker;

import dev.deletionpipeline.localstack.testing.ServiceSettings;
import dev.deletionpipeline.settings.DeploymentTopics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** deletion-worker's settings records: defaults in application.yml only, and a wrong value refuses the start naming it. */
class SettingsValidationTest {

    @Test
    void everySettingHasItsDefaultInApplicationYml() {
        ServiceSettings.assertApplicationYmlHoldsEveryDefault(AllSettings.class);
    }

    @Test
    void aWrongValueRefusesTheStartNamingTheProperty() {
        ServiceSettings.assertRefused(
                AllSettings.class, "deletion.worker.google.batch-size", "51", "must be less than or equal to 50");
    }

    @Test
    void aReceiptEventThatCouldOutgrowOneKafkaRecordIsRefused() {
        ServiceSettings.assertRefused(
                AllSettings.class,
                "deletion.worker.receipts.blocks-in-event",
                "2001",
                "must be less than or equal to 2000");
    }

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan(basePackageClasses = DeletionWorkerApplication.class)
    @EnableConfigurationProperties(DeploymentTopics.class)
    static class AllSettings {}
}
