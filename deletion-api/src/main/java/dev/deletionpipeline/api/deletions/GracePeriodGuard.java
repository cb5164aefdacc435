package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.security.LocalOnlySettingGuard;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a grace period of 0 unless the {@code local} profile is active: without a grace period the
 * worker may delete the Google event at once, so a mistaken deletion cannot be undone even a second later.
 */
@Component
class GracePeriodGuard extends LocalOnlySettingGuard {

    static final String PREFIX = "deletion.api.blocks";
    static final String SETTING = PREFIX + ".grace-period";

    @Override
    protected Optional<String> problemOutsideLocal(Environment environment) {
        BlockDeletionSettings settings = Binder.get(environment).bindOrCreate(PREFIX, BlockDeletionSettings.class);
        if (!settings.gracePeriod().isZero()) {
            return Optional.empty();
        }
        return Optional.of(SETTING + " is 0s: deletions could not be undone; set a grace period (default 30s), or"
                + " activate the 'local' profile for a development run.");
    }
}
