package dev.deletionpipeline.worker.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.api.services.calendar.model.Event;
import dev.deletionpipeline.localstack.calendar.AuthMode;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CalendarStandInSettings;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.WorkerTestStack;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Per-owner OAuth2 refresh tokens, stored AES-GCM-encrypted, exchanged at the stand-in's token endpoint, which checks
 * bearer tokens: a 401 is answered by one refresh, a revoked grant or a missing credential is dead-lettered without
 * retry, and no token appears in the logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class OAuthCredentialsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final byte[] KEY = randomKey();

    @RegisterExtension
    static final WorkerTestStack stack = WorkerTestStack.forClass(OAuthCredentialsIT.class)
            .standIn(CalendarStandInSettings.builder().authMode(AuthMode.BEARER).build())
            .workerSettings(Map.of(
                    "deletion.worker.credentials.mode", "OAUTH_REFRESH_TOKEN",
                    "deletion.worker.credentials.encryption-key",
                            Base64.getEncoder().encodeToString(KEY),
                    "deletion.worker.credentials.client-id", "worker-tests",
                    "deletion.worker.credentials.client-secret", "worker-tests-secret"))
            .withWorker();

    private static final CalendarStandIn standIn = stack.standIn();
    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();

    @Test
    void deletesWithTheOwnersTokenAndRefreshesOnceWhenGoogleAnswers401(CapturedOutput output) {
        UUID owner = pipeline.newOwner();
        String refreshToken = storeRefreshToken(owner);
        String calendar = "oauth-" + owner;
        Block first = syncedBlock(owner, calendar);
        pipeline.publishSoftDeleted(first);
        await().atMost(PATIENCE).until(() -> !pipeline.exists(first.id()));
        assertThat(events.deletes(first.googleEventId()))
                .singleElement()
                .satisfies(call -> assertThat(call.user()).isEqualTo(user(owner)))
                .extracting(CallRecord::status)
                .isEqualTo(204);
        standIn.expireAccessTokens();

        Block second = syncedBlock(owner, calendar);
        pipeline.publishSoftDeleted(second);

        await().atMost(PATIENCE).until(() -> !pipeline.exists(second.id()));
        assertThat(events.deletes(second.googleEventId()))
                .extracting(CallRecord::status)
                .containsExactly(401, 204);
        assertThat(standIn.calls())
                .filteredOn(call -> call.path().equals("/token"))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(output.getAll()).doesNotContain(refreshToken).doesNotContain("ya29.");
    }

    @Test
    void revokedGrantIsDeadLetteredWithoutCallingTheCalendar() {
        UUID owner = pipeline.newOwner();
        String refreshToken = storeRefreshToken(owner);
        Block block = syncedBlock(owner, "revoked-" + owner);
        standIn.revokeRefreshToken(refreshToken);

        pipeline.publishSoftDeleted(block);

        await().atMost(PATIENCE).until(() -> "FAILED".equals(pipeline.deletionState(block.id())));
        assertThat(pipeline.failureReason(block.id())).startsWith("GOOGLE_CREDENTIAL_REVOKED");
        assertThat(events.deletes(block.googleEventId())).isEmpty();
    }

    @Test
    void ownerWithoutStoredCredentialIsDeadLettered() {
        UUID owner = pipeline.newOwner();
        standIn.registerRefreshToken("unused-" + owner, user(owner));
        Block block = syncedBlock(owner, "missing-" + owner);

        pipeline.publishSoftDeleted(block);

        await().atMost(PATIENCE).until(() -> "FAILED".equals(pipeline.deletionState(block.id())));
        assertThat(pipeline.failureReason(block.id())).startsWith("GOOGLE_CREDENTIAL_MISSING");
    }

    private static String storeRefreshToken(UUID owner) {
        String refreshToken = "1//refresh-" + UUID.randomUUID();
        standIn.registerRefreshToken(refreshToken, user(owner));
        pipeline.jdbc()
                .update(
                        "insert into google_credentials (owner_id, kind, refresh_token_encrypted)"
                                + " values (?, 'OAUTH_REFRESH_TOKEN', ?)",
                        owner,
                        new RefreshTokenCipher(KEY).encrypt(owner, refreshToken));
        return refreshToken;
    }

    private static Block syncedBlock(UUID owner, String calendar) {
        String eventId = events.insert(
                calendar, new Event().setId(StandInEvents.newEventId()), standIn.issueAccessToken(user(owner)));
        return pipeline.softDeleted(owner, calendar, eventId, Instant.now().minusSeconds(1));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String user(UUID owner) {
        return "user-" + owner;
    }
}
