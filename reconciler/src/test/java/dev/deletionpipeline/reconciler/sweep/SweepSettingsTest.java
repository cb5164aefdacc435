package dev.deletionpipeline.reconciler.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

class SweepSettingsTest {

    @Test
    void applicationYmlHoldsTheDefaults() throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(sources::addLast);
        Binder binder = new Binder(
                ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));

        SweepSettings bound =
                binder.bind("deletion.reconciler.sweep", SweepSettings.class).get();

        assertThat(bound).isEqualTo(SweepSettings.defaults());
    }

    @Test
    void theSafeDefaultIsADryRun() {
        assertThat(SweepSettings.defaults().dryRun()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"max-share=0, maxShare", "max-share=1.5, maxShare", "max-rows=0, maxRows", "interval=0s, interval"})
    void aWrongValueRefusesToStartNamingTheSetting(String setting, String field) {
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(Settings.class)
                .withPropertyValues("deletion.reconciler.sweep." + setting)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(BindValidationException.class)
                        .hasMessageContaining("deletion.reconciler.sweep")
                        .hasMessageContaining("'" + field + "'"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SweepSettings.class)
    static class Settings {}
}
