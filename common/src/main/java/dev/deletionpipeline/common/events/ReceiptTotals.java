package dev.deletionpipeline.common.events;

import java.util.List;

/** The counts of a {@link DeletionCompleted} receipt, one per {@link ReceiptOutcome}, and all blocks. */
public record ReceiptTotals(int blocks, int deleted, int alreadyGone, int notSynced, int failed, int restored) {

    public static ReceiptTotals of(List<ReceiptBlock> blocks) {
        int[] counts = new int[ReceiptOutcome.values().length];
        blocks.forEach(b -> counts[b.outcome().ordinal()]++);
        return new ReceiptTotals(
                blocks.size(),
                counts[ReceiptOutcome.DELETED.ordinal()],
                counts[ReceiptOutcome.ALREADY_GONE.ordinal()],
                counts[ReceiptOutcome.NOT_SYNCED.ordinal()],
                counts[ReceiptOutcome.FAILED.ordinal()],
                counts[ReceiptOutcome.RESTORED.ordinal()]);
    }
}
