package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.worker.claim.ClaimedBlock;
import java.time.Instant;

/**
 * A claimed block whose deletion is given up.
 *
 * @param lastHttpStatus Google's last status, 0 when there was no answer
 */
record GiveUp(ClaimedBlock claim, String reason, String detail, int lastHttpStatus, Instant failedAt) {}
