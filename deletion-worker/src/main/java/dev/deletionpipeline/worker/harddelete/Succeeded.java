package dev.deletionpipeline.worker.harddelete;

import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.worker.claim.ClaimedBlock;
import java.time.Instant;

/**
 * A claimed block whose Google event is gone (or never existed): it may now leave the database.
 *
 * @param googleAnsweredAt nullable: null for {@link HardDeleteOutcome#NOT_SYNCED}
 * @param googleStatus nullable: Google's HTTP status (204, 404, 410); null for {@link HardDeleteOutcome#NOT_SYNCED}
 */
public record Succeeded(
        ClaimedBlock claim, HardDeleteOutcome outcome, Instant googleAnsweredAt, Integer googleStatus) {}
