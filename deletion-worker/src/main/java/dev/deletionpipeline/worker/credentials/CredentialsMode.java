package dev.deletionpipeline.worker.credentials;

/** How the worker authenticates its Google calls. */
enum CredentialsMode {
    /** No Authorization header: the local stand-in without auth. */
    NONE,
    /** Each owner's OAuth2 refresh token from {@code google_credentials}, encrypted at rest with AES-GCM. */
    OAUTH_REFRESH_TOKEN,
    /** A service account with domain-wide delegation, impersonating the owner's Google user. */
    SERVICE_ACCOUNT
}
