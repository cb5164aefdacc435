package dev.deletionpipeline.api.deletions;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.api.deletions.*}: the brakes on mass deletion (defaults and comments in {@code application.yml}).
 *
 * @param confirmationThreshold the most blocks a deletion may soft-delete without a confirmation: a REST bulk
 *     deletion above it answers 428 with a preview and a confirmation token, a {@code DeletionRequested} command above
 *     it waits for an admin's approval. A withdrawal is never held back.
 * @param confirmationTtl how long a confirmation token of a 428 answer is accepted
 */
@Validated
@ConfigurationProperties("deletion.api.deletions")
public record BulkDeletionSettings(
        @Min(1) int confirmationThreshold,
        @NotNull @DurationMin(seconds = 1) Duration confirmationTtl) {

    /** Whether a deletion of this many blocks needs a confirmation (REST) or an approval (command). */
    public boolean needsConfirmation(long blocks) {
        return blocks > confirmationThreshold;
    }
}
