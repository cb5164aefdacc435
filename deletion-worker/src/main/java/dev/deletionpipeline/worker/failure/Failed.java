package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.worker.calendar.GoogleAnswer;
import dev.deletionpipeline.worker.claim.ClaimedBlock;

/** A claimed block whose Google deletion did not succeed this time. */
public record Failed(ClaimedBlock claim, GoogleAnswer answer) {}
