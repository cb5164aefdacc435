package dev.deletionpipeline.api.requests;

import dev.deletionpipeline.common.events.DeletionScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.api.requests.*}: the consumer of {@code DeletionRequested} commands (defaults and comments in
 * {@code application.yml}).
 *
 * @param enabled whether this instance consumes commands
 * @param groupId the consumer group of all deletion-api instances
 * @param retryInterval the pause before a command that failed for a transient reason (e.g. the database) is retried
 * @param retryAttempts how many retries before such a command goes to the dead-letter topic
 * @param sources the requesting services (by {@code ce_source}) and the scopes each may use; empty: none may
 */
@Validated
@ConfigurationProperties("deletion.api.requests")
public record RequestsSettings(
        boolean enabled,
        @NotBlank String groupId,
        @NotNull @DurationMin(seconds = 0) Duration retryInterval,
        @PositiveOrZero int retryAttempts,
        @NotNull List<@Valid SourcePolicy> sources) {

    public RequestsSettings {
        // a missing list is left to @NotNull, whose message names the setting
        if (sources != null) {
            Set<String> seen = new HashSet<>();
            for (SourcePolicy policy : sources) {
                if (policy.source() != null && !seen.add(policy.source())) {
                    throw new IllegalArgumentException("deletion.api.requests.sources lists the source "
                            + policy.source() + " twice; give each source one entry with all its scopes");
                }
            }
            sources = List.copyOf(sources);
        }
    }

    /**
     * One requesting service and what it may ask for.
     *
     * @param source the service's CloudEvents {@code ce_source}, exactly as it writes it, e.g. {@code /billing}
     * @param scopes the scopes its commands may use; {@code OWNER} (purge every block of an owner) only when listed
     */
    public record SourcePolicy(
            @NotBlank String source, @NotEmpty Set<DeletionScope> scopes) {}
}
