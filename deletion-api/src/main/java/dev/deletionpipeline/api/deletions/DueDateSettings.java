package dev.deletionpipeline.api.deletions;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.requests.*}: the legal clock of deletion requests (defaults and comments in {@code application.yml}).
 *
 * @param duePeriod a request must be finished this long after it was accepted (a withdrawal: after its purge date)
 * @param duePeriodByScope a different period for some scopes ({@link DeletionKind} names), e.g. {@code OWNER: 14d}
 */
@Validated
@ConfigurationProperties("deletion.requests")
record DueDateSettings(
        @NotNull @DurationMin(seconds = 1) Duration duePeriod,
        @NotNull Map<DeletionKind, @NotNull @DurationMin(seconds = 1) Duration> duePeriodByScope) {

    DueDateSettings {
        // a missing map is left to @NotNull, whose message names the setting
        duePeriodByScope = duePeriodByScope == null ? null : Map.copyOf(duePeriodByScope);
    }

    Duration periodOf(DeletionKind scope) {
        return duePeriodByScope.getOrDefault(scope, duePeriod);
    }
}
