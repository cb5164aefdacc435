package dev.deletionpipeline.worker.redrive;

/** What an operator did to dead letters, as {@code admin_audit.action}. */
enum RedriveAuditAction {
    /** One dead letter redriven; the entry's subject is the dead letter. */
    DEAD_LETTER_REDRIVEN,
    /** One parked dead letter redriven with {@code unpark}; the entry's subject is the dead letter. */
    DEAD_LETTER_UNPARKED,
    /** The dead letters a filter matched redriven; the entry's subject is the entry itself, its filter and count set. */
    DEAD_LETTERS_REDRIVEN
}
