package dev.deletionpipeline.reconciler.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
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

    @Test
    void rejectsAShareOutsideZeroToOne() {
        SweepSettings defaults = SweepSettings.defaults();

        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxShare(0));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxShare(1.5));
    }

    @Test
    void rejectsNoRowsAndNoInterval() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SweepSettings.defaults().withMaxRows(0));
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new SweepSettings(true, true, Duration.ZERO, Duration.ZERO, Duration.ofHours(1), 1, 0.1));
    }
}
