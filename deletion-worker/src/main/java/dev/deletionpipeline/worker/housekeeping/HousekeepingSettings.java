package dev.deletionpipeline.worker.housekeeping;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long the worker keeps its bookkeeping rows, and how it removes older ones.
 *
 * @param receiptRetention a {@code deletion_receipts} row is kept this long after its hard delete; it must be longer
 *     than the lifecycle topic's retention (7 days by default), so that a redelivered {@code BlockSoftDeleted} still
 *     finds its receipt and is not deleted a second time
 * @param removedDependantRetention a {@code removed_dependants} row whose own event never arrived is kept this long
 * @param interval time between the end of one run and the start of the next
 * @param batchSize rows removed per statement; a run repeats the statement until a batch comes back short
 * @param enabled false switches the scheduled runs off
 */
@Validated
@ConfigurationProperties("deletion.worker.housekeeping")
public record HousekeepingSettings(
        @NotNull @DurationMin(seconds = 0, inclusive = false)
        Duration receiptRetention,

        @NotNull @DurationMin(seconds = 0, inclusive = false)
        Duration removedDependantRetention,

        @NotNull @DurationMin(seconds = 0, inclusive = false)
        Duration interval,

        @Positive int batchSize,
        boolean enabled) {}
