package dev.deletionpipeline.worker.credentials;

import dev.deletionpipeline.security.LocalOnlySettingGuard;
import dev.deletionpipeline.worker.credentials.CredentialsConfiguration.CredentialsMode;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with {@link CredentialsMode#NONE} unless the {@code local} profile is active: Google calls without a
 * credential only work against the stand-in, and against Google every delete would fail or, worse, a 404 could not be
 * told apart from lost access.
 */
@Component
class CredentialsModeGuard extends LocalOnlySettingGuard {

    static final String SETTING = "deletion.worker.credentials.mode";

    @Override
    protected Optional<String> problemOutsideLocal(Environment environment) {
        CredentialsMode mode =
                Binder.get(environment).bind(SETTING, CredentialsMode.class).orElse(CredentialsMode.NONE);
        if (mode != CredentialsMode.NONE) {
            return Optional.empty();
        }
        return Optional.of(SETTING + " (GOOGLE_CREDENTIALS_MODE) is NONE, which only the local stand-in accepts; set"
                + " OAUTH_REFRESH_TOKEN or SERVICE_ACCOUNT, or activate the 'local' profile for a development run.");
    }
}
