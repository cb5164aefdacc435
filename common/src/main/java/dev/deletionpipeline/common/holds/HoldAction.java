package dev.deletionpipeline.common.holds;

/** The {@code admin_audit.action} of an operator's hold decision. */
public enum HoldAction {
    HOLD_PLACED,
    HOLD_RELEASED
}
