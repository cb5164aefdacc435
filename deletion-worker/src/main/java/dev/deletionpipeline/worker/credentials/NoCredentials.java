package dev.deletionpipeline.worker.credentials;

import com.google.api.client.http.HttpHeaders;
import java.util.UUID;

/** Mode {@code NONE}: calls go without an Authorization header, for the local stand-in without auth. */
final class NoCredentials implements OwnerCredentials, OwnerCredential {

    @Override
    public OwnerCredential forOwner(UUID ownerId) {
        return this;
    }

    @Override
    public void authorize(HttpHeaders headers) {}

    @Override
    public void refresh() {}
}
