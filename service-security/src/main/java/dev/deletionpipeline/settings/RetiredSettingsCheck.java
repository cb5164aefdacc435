package dev.deletionpipeline.settings;

import dev.deletionpipeline.security.UnsafeSettingException;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Refuses to start while a retired setting is still set: Spring ignores a property nothing binds, so a deployment that
 * kept, say, {@code TOPIC_PREFIX=staging.} after the rename to {@code deletion.topic-prefix} would otherwise run against
 * the contract's unprefixed topics, another deployment's. The failure is one line naming the old and the new setting.
 */
public class RetiredSettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Retired name → the setting that replaced it (also matched as environment variables by relaxed binding). */
    static final Map<String, String> RETIRED = Map.of(
            "deletion.relay.topic-prefix", "deletion.topic-prefix (DELETION_TOPIC_PREFIX)",
            "deletion.api.requests.topic-prefix", "deletion.topic-prefix (DELETION_TOPIC_PREFIX)",
            "deletion.worker.topic-prefix", "deletion.topic-prefix (DELETION_TOPIC_PREFIX)",
            "TOPIC_PREFIX", "deletion.topic-prefix (DELETION_TOPIC_PREFIX)",
            "deletion.reconciler.topic-prefix", "deletion.topic-prefix (DELETION_TOPIC_PREFIX)",
            "deletion.reconciler.sweep.topic-prefix", "deletion.topic-prefix (DELETION_TOPIC_PREFIX)");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        problemWith(context.getEnvironment()).ifPresent(line -> {
            throw new UnsafeSettingException(line);
        });
    }

    static Optional<String> problemWith(Environment environment) {
        return RETIRED.entrySet().stream()
                .filter(retired -> environment.containsProperty(retired.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(retired -> retired.getKey() + " is no longer read; set " + retired.getValue() + " instead")
                .findFirst();
    }
}
