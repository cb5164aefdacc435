package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.common.auth.TokenClaims;
import dev.deletionpipeline.security.UnsafeSettingException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a grace period of 0 unless the {@code local} profile is active: without a grace period the
 * worker may delete the Google event at once, so a mistaken deletion cannot be undone even a second later. A bean
 * factory post-processor, so that it refuses before any bean (the database connection, the relay) starts.
 */
@Component
class GracePeriodGuard implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String PREFIX = "deletion.api.blocks";
    static final String SETTING = PREFIX + ".grace-period";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        BlockDeletionSettings settings = Binder.get(environment).bindOrCreate(PREFIX, BlockDeletionSettings.class);
        if (settings.gracePeriod().isZero() && !environment.acceptsProfiles(Profiles.of(TokenClaims.LOCAL_PROFILE))) {
            throw new UnsafeSettingException(SETTING
                    + " is 0s: deletions could not be undone; set a grace period (default 30s), or activate"
                    + " the 'local' profile for a development run.");
        }
    }
}
