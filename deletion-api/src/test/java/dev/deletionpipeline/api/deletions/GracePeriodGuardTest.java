package dev.deletionpipeline.api.deletions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.security.UnsafeSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** A grace period of 0 (no undo) starts only with the local profile; the default is 30 s. */
class GracePeriodGuardTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BlockDeletionSettings.class)
    @Import(GracePeriodGuard.class)
    static class Guarded {}

    /** The build runs every test with the local profile; these start as production does unless they say otherwise. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withSystemProperties("spring.profiles.active=")
            .withUserConfiguration(Guarded.class);

    @Test
    void theDefaultGracePeriodIsThirtySecondsAndStarts() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(BlockDeletionSettings.class).gracePeriod())
                    .hasSeconds(30);
        });
    }

    @Test
    void zeroGraceWithoutTheLocalProfileRefusesToStartNamingTheSetting() {
        runner.withPropertyValues("deletion.api.blocks.grace-period=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .isInstanceOf(UnsafeSettingException.class)
                    .hasMessageStartingWith("deletion.api.blocks.grace-period is 0s");
        });
    }

    @Test
    void zeroGraceStartsWithTheLocalProfile() {
        runner.withPropertyValues("deletion.api.blocks.grace-period=0s", "spring.profiles.active=local")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
