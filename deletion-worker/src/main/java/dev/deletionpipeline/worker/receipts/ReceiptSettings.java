package dev.deletionpipeline.worker.receipts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Receipts of finished deletion requests.
 *
 * @param retention a receipt is kept this long after the deletion finished (the compliance period), independently of
 *     the per-block bookkeeping's {@code receipt-retention}
 */
@ConfigurationProperties("deletion.worker.receipts")
public record ReceiptSettings(Duration retention) {

    public ReceiptSettings {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("deletion.worker.receipts.retention must be positive");
        }
    }
}
