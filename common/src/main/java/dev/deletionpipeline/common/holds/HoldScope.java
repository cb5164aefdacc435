package dev.deletionpipeline.common.holds;

/** What a legal hold covers; the narrowest field given decides. */
public enum HoldScope {
    /** Every block of one owner, including blocks deleted later and a withdrawal's purge. */
    OWNER,
    /** Every block of one calendar of the owner. */
    CALENDAR,
    /** One block. */
    BLOCK
}
