package dev.deletionpipeline.worker.failure;

/** Headers the worker adds to dead-letter records besides those of {@code DeadLetterHeaders}. */
public final class WorkerDeadLetterHeaders {

    /** The dead letter's id: what {@code POST /v1/admin/dead-letters/{id}/redrive} takes. */
    public static final String DEAD_LETTER_ID = "dlt_id";

    private WorkerDeadLetterHeaders() {}
}
