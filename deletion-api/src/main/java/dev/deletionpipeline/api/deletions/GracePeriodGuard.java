package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.api.support.UnsafeSettingException;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a grace period of 0 unless the {@code local} profile is active: without a grace period the
 * worker may delete the Google event at once, so a mistaken deletion cannot be undone even a second later.
 */
@Component
class GracePeriodGuard {

    static final String SETTING = "deletion.api.blocks.grace-period";

    GracePeriodGuard(BlockDeletionSettings settings, Environment environment) {
        if (settings.gracePeriod().isZero() && !environment.acceptsProfiles(Profiles.of("local"))) {
            throw new UnsafeSettingException(
                    SETTING,
                    SETTING + " is 0s: deletions could not be undone; set a grace period (default 30s), or activate"
                            + " the 'local' profile for a development run.");
        }
    }
}
