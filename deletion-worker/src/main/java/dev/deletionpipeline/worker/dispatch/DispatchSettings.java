package dev.deletionpipeline.worker.dispatch;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How due tasks are picked and worked on.
 *
 * @param dispatchers threads that each pick and work on rounds of due tasks
 * @param roundSize tasks picked per round
 * @param perOwnerRoundSize at most this many tasks of one owner per round, so one owner's bulk purge cannot fill every
 *     round and other owners' deletions keep flowing (owners take turns within a round: each one's oldest due task
 *     first)
 * @param claimLease how long a claim (and a picked task) is held before another attempt may take it over; longer than
 *     a Google call with its 401 retry plus the hard delete
 * @param idlePoll the longest an idle dispatcher sleeps before it looks for due tasks again
 * @param shutdownTimeout how long shutdown waits for rounds in flight before it hands their claims back
 * @param heldRecheck how soon the task of a block under a legal hold is looked at again; a release makes it due at
 *     once, so this only bounds how late a hold that simply reached its end is noticed
 */
@Validated
@ConfigurationProperties("deletion.worker.dispatch")
public record DispatchSettings(
        @Positive int dispatchers,
        @Positive int roundSize,
        @Positive int perOwnerRoundSize,
        @PositiveDuration Duration claimLease,
        @PositiveDuration Duration idlePoll,
        @NotNull @DurationMin(seconds = 0) Duration shutdownTimeout,
        @PositiveDuration Duration heldRecheck) {}
