package dev.deletionpipeline.settings;

import dev.deletionpipeline.security.UnsafeSettingException;
import java.util.List;
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

    /** The per-service prefix settings {@code deletion.topic-prefix} replaced (also matched as environment variables). */
    static final List<String> RETIRED_TOPIC_PREFIXES = List.of(
            "TOPIC_PREFIX",
            "deletion.api.requests.topic-prefix",
            "deletion.reconciler.sweep.topic-prefix",
            "deletion.reconciler.topic-prefix",
            "deletion.relay.topic-prefix",
            "deletion.worker.topic-prefix");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        problemWith(context.getEnvironment()).ifPresent(line -> {
            throw new UnsafeSettingException(line);
        });
    }

    static Optional<String> problemWith(Environment environment) {
        return RETIRED_TOPIC_PREFIXES.stream()
                .filter(environment::containsProperty)
                .map(retired ->
                        retired + " is no longer read; set deletion.topic-prefix (DELETION_TOPIC_PREFIX) instead")
                .findFirst();
    }
}
