package dev.deletionpipeline.worker.claim;

import java.time.Instant;
import java.util.UUID;

/** The claim {@code claimToken} holds on a block ends at {@code at}. */
public record ClaimExpiry(UUID blockId, String claimToken, Instant at) {}
