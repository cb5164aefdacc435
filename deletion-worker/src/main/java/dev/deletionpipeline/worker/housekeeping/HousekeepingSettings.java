package dev.deletionpipeline.worker.housekeeping;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
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
        @PositiveDuration Duration receiptRetention,
        @PositiveDuration Duration removedDependantRetention,
        @PositiveDuration Duration interval,
        @Positive int batchSize,
        boolean enabled) {}
