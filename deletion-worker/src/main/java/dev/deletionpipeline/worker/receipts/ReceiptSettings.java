package dev.deletionpipeline.worker.receipts;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Receipts of finished deletion requests.
 *
 * @param retention a receipt is kept this long after the deletion finished (the compliance period), independently of
 *     the per-block bookkeeping's {@code receipt-retention}
 * @param blocksInEvent the {@code DeletionCompleted} event lists the blocks of a receipt with at most this many, and
 *     none of a bigger one (the stored receipt always has them all), nor of one whose JSON would take more than half the
 *     outbox's payload limit. At about 300 bytes a block, 2,000 stays far below Kafka's 1 MB record limit, which a
 *     larger event would exceed and so stop the outbox relay for every event
 */
@Validated
@ConfigurationProperties("deletion.worker.receipts")
record ReceiptSettings(
        @PositiveDuration Duration retention,
        @Min(0) @Max(2000) int blocksInEvent) {}
