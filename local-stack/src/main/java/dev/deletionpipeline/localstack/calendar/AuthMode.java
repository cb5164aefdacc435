package dev.deletionpipeline.localstack.calendar;

/** Whether the stand-in asks for an OAuth bearer token on calendar calls, as Google always does. */
public enum AuthMode {
    /** Any caller is accepted; the per-user quota is then keyed by calendar id. */
    NONE,
    /** A calendar call needs {@code Authorization: Bearer <token>} issued by {@code POST /token}, else 401. */
    BEARER
}
