package dev.deletionpipeline.api;

import dev.deletionpipeline.localstack.testing.ServiceSettings;
import dev.deletionpipeline.settings.DeploymentTopics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** deletion-api's settings records: defaults in application.yml only, and a wrong value refuses the start naming it. */
class SettingsValidationTest {

    @Test
    void everySettingHasItsDefaultInApplicationYml() {
        ServiceSettings.assertApplicationYmlHoldsEveryDefault(AllSettings.class);
    }

    @Test
    void aWrongValueRefusesTheStartNamingTheProperty() {
        ServiceSettings.assertRefused(
                AllSettings.class, "deletion.api.withdrawal.purge-batch-size", "0", "must be greater than 0");
    }

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan(basePackageClasses = DeletionApiApplication.class)
    @EnableConfigurationProperties(DeploymentTopics.class)
    static class AllSettings {}
}
