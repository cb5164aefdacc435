package dev.deletionpipeline.security;

import dev.deletionpipeline.common.auth.TokenClaims;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Refuses to start with a development convenience (a zero grace period, Google calls without credentials…) unless the
 * {@code local} profile is active. A bean factory post-processor, so that it refuses before any bean (a database
 * connection, a Kafka client, a port) starts; the refusal is one line ({@link UnsafeSettingException}).
 */
public abstract class LocalOnlySettingGuard implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public final void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public final void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (environment.matchesProfiles(TokenClaims.LOCAL_PROFILE)) {
            return;
        }
        problemOutsideLocal(environment).ifPresent(line -> {
            throw new UnsafeSettingException(line);
        });
    }

    /** The one line naming the setting, when these settings are only fit for a development run; else empty. */
    protected abstract Optional<String> problemOutsideLocal(Environment environment);
}
