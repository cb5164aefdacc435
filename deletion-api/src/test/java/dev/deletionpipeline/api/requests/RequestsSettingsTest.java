package dev.deletionpipeline.api.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.api.requests.RequestsSettings.SourcePolicy;
import dev.deletionpipeline.common.events.DeletionScope;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** How the source policy is configured: none by default, environment variables as the launcher and compose set them. */
class RequestsSettingsTest {

    /** With application.yml, where the defaults live. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void noSourceMayRequestDeletionsByDefault() {
        runner.run(context ->
                assertThat(context.getBean(RequestsSettings.class).sources()).isEmpty());
    }

    @Test
    void environmentVariablesNameASourceAndItsScopes() {
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .replace(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                new SystemEnvironmentPropertySource(
                                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                        Map.of(
                                                "DELETION_API_REQUESTS_SOURCES_0_SOURCE", "/billing",
                                                "DELETION_API_REQUESTS_SOURCES_0_SCOPES", "BLOCK,CALENDAR"))))
                .run(context -> assertThat(
                                context.getBean(RequestsSettings.class).sources())
                        .containsExactly(
                                new SourcePolicy("/billing", Set.of(DeletionScope.BLOCK, DeletionScope.CALENDAR))));
    }

    @Test
    void aSourceWithoutScopesRefusesToStartNamingTheSetting() {
        runner.withPropertyValues("deletion.api.requests.sources[0].source=/billing")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("deletion.api.requests.sources[0].scopes"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RequestsSettings.class)
    static class Settings {}
}
