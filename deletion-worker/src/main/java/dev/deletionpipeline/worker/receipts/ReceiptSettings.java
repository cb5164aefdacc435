package dev.deletionpipeline.worker.receipts;

import dev.deletionpipeline.settings.PositiveDuration;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Receipts of finished deletion requests.
 *
 * @param retention a receipt is kept this long after the deletion finished (the compliance period), independently of
 *     the per-block bookkeeping's {@code receipt-retention}
 */
@Validated
@ConfigurationProperties("deletion.worker.receipts")
record ReceiptSettings(@PositiveDuration Duration retention) {}
